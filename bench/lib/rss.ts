import { readFile, readdir } from 'node:fs/promises';

/** Resident set size of a process and all its descendants (cluster workers), in MiB. Linux only. */
export async function treeRssMiB(pid: number): Promise<number> {
  const pids = await descendants(pid);
  let kib = 0;
  for (const p of [pid, ...pids]) kib += await rssKiB(p);
  return kib / 1024;
}

/** Samples `treeRssMiB` every `intervalMs` until stopped; returns the peak seen. */
export function samplePeakRss(pid: number, intervalMs = 250): { stop: () => Promise<number> } {
  let peak = 0;
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(async () => {
      peak = Math.max(peak, await treeRssMiB(pid));
    });
  }, intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await sampling;
      return Math.max(peak, await treeRssMiB(pid));
    },
  };
}

async function rssKiB(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  } catch {
    return 0; // the process has exited
  }
}

async function descendants(pid: number): Promise<number[]> {
  const children: number[] = [];
  let entries: string[];
  try {
    entries = await readdir(`/proc/${pid}/task`);
  } catch {
    return children;
  }
  for (const task of entries) {
    let list = '';
    try {
      list = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of list.split(/\s+/).filter(Boolean).map(Number)) children.push(child, ...(await descendants(child)));
  }
  return children;
}
