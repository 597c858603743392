/**
 * Runs `work` with a timer keeping Node's event loop from running empty. Whenever the loop has
 * nothing pending (no timer, socket or file request between two steps of a start), Node
 * (SpinEventLoop, then NodePlatform::DrainTasks) blocks the main thread until every V8 background
 * task has finished. Right after PGlite opens, those tasks are TurboFan's tier-up compilations of
 * PGlite's WebAssembly, hundreds of milliseconds on the background threads: a restart sat idle
 * for 0.2-0.8 s before its next step (`perf` showed the main thread in DrainTasks' wait). Held,
 * the tier-up finishes beside the start instead of in front of it. Once servers listen, their
 * sockets keep the loop busy.
 */
export async function holdingEventLoop<T>(work: () => Promise<T>): Promise<T> {
  // Never fires: a pending timer is all it takes.
  const hold = setInterval(() => undefined, 2 ** 30);
  try {
    return await work();
  } finally {
    clearInterval(hold);
  }
}
