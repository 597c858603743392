import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * In-process jobs die with the process, so each start replays the last day's events and the
 * consumers' inboxes drop those already handled: after a seeded start, about a second of CPU
 * that held up the router's first answers. A stop that left no job behind writes this file; the
 * next start replays only what was relayed after it (nothing, unless something else ran on the
 * database in between). The start removes it, so a crash later in that run replays the whole
 * window again, as before.
 */
const JOBS_HANDLED_FILE = 'jobs-handled.json';

/** The time of the previous stop that lost no job, once: the file is removed. Undefined when there is none to trust. */
export async function takeJobsHandledMark(dataDir: string): Promise<Date | undefined> {
  const file = join(dataDir, JOBS_HANDLED_FILE);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  await rm(file, { force: true });
  try {
    const at = new Date((JSON.parse(text) as { at?: unknown }).at as string);
    // A mark from the future (a clock set back since) would hide events: trust none.
    return Number.isNaN(at.getTime()) || at.getTime() > Date.now() ? undefined : at;
  } catch {
    return undefined;
  }
}

/** Every job this process was given ran to success before it stopped, as of `at`. */
export async function markJobsHandled(dataDir: string, at: Date): Promise<void> {
  await writeFile(join(dataDir, JOBS_HANDLED_FILE), `${JSON.stringify({ at: at.toISOString() })}\n`);
}
