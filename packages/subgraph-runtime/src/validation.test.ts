import { describe, expect, it } from 'vitest';
import { charLength, intInRange, notNull, optionalText, requiredText } from './validation.js';

describe('input validation', () => {
  it('trims required text and names the field when it is empty or too long', () => {
    expect(requiredText('  Emma ', 'input.title', 10)).toBe('Emma');
    expect(() => requiredText('   ', 'input.title', 10)).toThrow('input.title must not be empty.');
    expect(() => requiredText('x'.repeat(11), 'input.title', 10)).toThrow('input.title must be at most 10 characters.');
  });

  it('counts characters as a reader does', () => {
    expect(charLength('café 📚')).toBe(6);
    expect(requiredText('📚'.repeat(3), 'f', 3)).toBe('📚📚📚');
  });

  it('turns blank optional text into null', () => {
    expect(optionalText('  ', 'f', 5)).toBeNull();
    expect(optionalText(undefined, 'f', 5)).toBeNull();
    expect(() => optionalText('123456', 'input.line2', 5)).toThrow(/input\.line2/);
  });

  it('checks whole numbers in range and refuses null where a value is required', () => {
    expect(intInRange(3, 'q', 1, 100)).toBe(3);
    expect(() => intInRange(0, 'input.items[0].quantity', 1, 100)).toThrow('input.items[0].quantity must be a whole number from 1 to 100.');
    expect(() => intInRange(1.5, 'q', 1, 100)).toThrow();
    expect(() => notNull(null, 'input.title')).toThrow('input.title must not be null.');
  });
});
