import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Cover } from './Cover';

describe('<Cover>', () => {
  it('draws a cover when the book has no image', () => {
    const { container } = render(<Cover title="Dracula" author="Bram Stoker" category="Gothic" />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('svg')?.textContent).toContain('Dracula');
    expect(container.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('shows the image, and the drawn cover in the same box when the image fails to load', () => {
    const { container } = render(<Cover title="Dracula" coverUrl="https://covers.example/dracula.jpg" />);
    const box = container.firstElementChild!;
    expect(box.className).toContain('cover');
    const img = container.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('https://covers.example/dracula.jpg');
    expect(img.getAttribute('alt')).toBe('');
    fireEvent.error(img);
    expect(container.querySelector('img')).toBeNull();
    expect(container.firstElementChild).toBe(box);
    expect(box.querySelector('svg')?.textContent).toContain('Dracula');
  });
});
