import { describe, expect, it } from 'vitest';
import { coverArt, wrap } from './cover-art';

describe('drawn covers', () => {
  it('are the same for the same book, every time', () => {
    const book = { title: 'Moby-Dick', author: 'Herman Melville', category: 'Adventure' };
    expect(coverArt(book)).toEqual(coverArt({ ...book }));
  });

  it('take their colours from the category and their pattern from title and author', () => {
    const a = coverArt({ title: 'Emma', author: 'Jane Austen', category: 'Romance' });
    const b = coverArt({ title: 'Persuasion', author: 'Jane Austen', category: 'Romance' });
    expect(a.background).toBe(b.background);
    const covers = ['Emma', 'Persuasion', 'Dracula', 'Hamlet', 'Kim', 'Walden', 'Candide', 'Carmilla'].map((title) => coverArt({ title, author: 'x' }).pattern);
    expect(new Set(covers).size).toBeGreaterThan(1);
  });

  it('keep a long word whole on its line and cut titles after five lines', () => {
    expect(coverArt({ title: 'Frankenstein' }).titleLines).toEqual(['Frankenstein']);
    const long = coverArt({ title: 'The History of the Decline and Fall of the Roman Empire, in Six Volumes, with Notes and Maps' });
    expect(long.titleLines.length).toBe(5);
    expect(long.titleLines.at(-1)).toMatch(/…$/);
  });

  it('wrap words greedily', () => {
    expect(wrap('A Tale of Two Cities', 10, 5)).toEqual(['A Tale of', 'Two Cities']);
    expect(wrap('', 10, 5)).toEqual([]);
  });
});
