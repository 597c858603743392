import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * Starts a harness before the tests of the enclosing `describe` and stops it after them. What it
 * returns stands for the harness (it forwards to it once started), so tests use it as they would
 * the harness itself. `timeoutMs` overrides the suite's hookTimeout for the start.
 */
export function useHarness<H extends { stop(): Promise<void> }>(start: () => Promise<H>, timeoutMs?: number): H {
  let harness: H | undefined;
  beforeAll(async () => {
    harness = await start();
  }, timeoutMs);
  afterAll(() => harness?.stop());
  return new Proxy({} as H, {
    get(_target, key) {
      if (!harness) throw new Error(`The harness is used before it started (reading ${String(key)}).`);
      return Reflect.get(harness, key, harness);
    },
  });
}

/** A fresh directory in the OS's temporary folder (`path`, named `<prefix><random>`) for the tests of the enclosing `describe`, removed after them. */
export function useTempDir(prefix: string): { readonly path: string } {
  return useHarness(async () => {
    const path = await mkdtemp(join(tmpdir(), prefix));
    return { path, stop: () => rm(path, { recursive: true, force: true }) };
  });
}
