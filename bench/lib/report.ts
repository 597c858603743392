import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

/** A Markdown table from a header row and data rows. Numbers are printed as given. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const align = header.map((_, i) => (rows.every((row) => typeof row[i] === 'number') ? '---:' : '---'));
  return [header, align, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** `a / b` to two places, or "n/a" when either side is missing or zero. */
export function ratio(a: number | undefined, b: number | undefined): string {
  if (!a || !b) return 'n/a';
  return `${(a / b).toFixed(2)}x`;
}

export const round = (value: number, places = 1): number => Number(value.toFixed(places));

/** The machine a run was measured on, for the top of every section. */
export function machineLine(): string {
  return `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} x ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`;
}

/** A section's first lines: its heading, then the machine it was measured on. */
export function sectionHead(title: string): string[] {
  return [`## ${title}`, '', machineLine(), ''];
}

/** The paragraph on what the measured processes logged at warn or above (see summariseProblems in stack.ts). */
export function problemsParagraph(problems: readonly string[]): string {
  return problems.length > 0 ? `Warnings and errors the processes logged:\n\n${problems.map((p) => `- ${p}`).join('\n')}` : 'No process logged a warning or an error.';
}

const RESULTS = new URL('../RESULTS.md', import.meta.url);

/**
 * Prints a benchmark's section and replaces it in bench/RESULTS.md (between its markers), so each
 * benchmark rewrites only its own part and the file always holds the latest run of each.
 */
export async function publishSection(id: string, markdown: string): Promise<void> {
  console.log(`\n${markdown}\n`);
  const start = `<!-- ${id}:start -->`;
  const end = `<!-- ${id}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  let current = '';
  try {
    current = await readFile(RESULTS, 'utf8');
  } catch {
    current = '# Benchmark results\n\nWritten by `npm run bench`; each section holds the latest run of one benchmark.\n';
  }
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  await writeFile(RESULTS, next);
}
