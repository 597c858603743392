import { describe, expect, it } from 'vitest';
import demo from '../seed/demo-catalogue.json' with { type: 'json' };
import { slugify } from './slug.js';

describe('slugify', () => {
  it.each([
    ['Science Fiction', 'science-fiction'],
    ["Children's", 'childrens'],
    ['Children\u2019s', 'childrens'],
    ['  Rom\u00e1nce & Po\u00ebtry!  ', 'romance-poetry'],
    ['Sci---Fi  2000', 'sci-fi-2000'],
    ['\u65e5\u672c', ''],
    ['!!!', ''],
  ])('%s -> %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('derives the demo catalogue slugs from their names', () => {
    for (const category of demo.categories) expect(slugify(category.name)).toBe(category.slug);
  });
});
