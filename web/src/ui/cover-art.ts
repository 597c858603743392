/**
 * A cover drawn from a book's title, author and category, for books without a cover image (all
 * the demo books): the same book always gets the same cover, with no network. Pure, so the
 * component test and the screenshot script see the same picture.
 */

export interface CoverInput {
  title: string;
  author?: string | undefined;
  category?: string | undefined;
}

export interface CoverArt {
  background: string;
  foreground: string;
  accent: string;
  pattern: 'bands' | 'circle' | 'stripes' | 'frame';
  titleLines: string[];
  titleSize: number;
  author: string;
  category: string;
}

/** Background, text and accent colours; text on background passes WCAG AA (4.5:1) in each. */
const palettes: [string, string, string][] = [
  ['#1f3a5f', '#f4efe6', '#e0a84f'],
  ['#6b2737', '#fbeee0', '#d9a441'],
  ['#2f4f3e', '#f1ede1', '#c8b273'],
  ['#3d3b6e', '#f3f0ff', '#f2b880'],
  ['#7a3e1d', '#fff4e6', '#f0c987'],
  ['#14505c', '#eaf6f6', '#f6c85f'],
  ['#4a3728', '#f7efe3', '#b9975b'],
  ['#5b2a86', '#f7f1ff', '#ffd166'],
];
const patterns: CoverArt['pattern'][] = ['bands', 'circle', 'stripes', 'frame'];

/** FNV-1a: small, stable across browsers and Node. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Greedy word wrap to `width` characters; a word longer than a line is cut. */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width) line = candidate;
    else {
      if (line) lines.push(line);
      line = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/…$/, '').slice(0, width - 1)}…`;
    return kept;
  }
  return lines;
}

export function coverArt({ title, author = '', category = '' }: CoverInput): CoverArt {
  const [background, foreground, accent] = palettes[hashText(category || title) % palettes.length]!;
  const pattern = patterns[hashText(`${title}|${author}`) % patterns.length]!;
  // Short titles large, long ones smaller, within the 200 x 300 cover; a line always holds the
  // longest word whole (up to 18 characters), in a smaller size when it must.
  const longestWord = Math.max(0, ...title.split(/\s+/).map((word) => word.length));
  const width = Math.min(18, Math.max(title.length <= 12 ? 10 : title.length <= 40 ? 13 : 16, longestWord));
  const titleLines = wrap(title, width, 5);
  const titleSize = Math.floor(260 / width);
  return { background, foreground, accent, pattern, titleLines, titleSize, author: wrap(author, 22, 1)[0] ?? '', category: wrap(category.toUpperCase(), 20, 1)[0] ?? '' };
}
