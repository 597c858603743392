import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@bookstore/server-core';
import { useTempDir } from '@bookstore/testing';
import { describe, expect, it } from 'vitest';
import { freePorts, loadConfig } from '../src/config.js';
import { startEmbedded } from '../src/embedded.js';
import { PgliteTemplate } from '../src/pglite-template.js';
import { subgraphs } from '../src/subgraphs.js';

// `npm ci`'s preparation as npm runs it (scripts/prepare.mjs, the root package's postinstall): it
// makes the seeded PGlite template with the bundle's --prepare mode, which ends by itself, and the
// next start on an empty data directory loads that template; a failure never fails the install.
const repository = fileURLToPath(new URL('../..', import.meta.url));
const root = useTempDir('prepare-');
const FAILED = /^Preparing (.+) for npm start failed \((.+)\); npm start will build it\.$/m;

/** The postinstall script until it exits by itself: a process left listening would keep it from ending. */
async function prepare(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  // NODE_ENV as a person has it (vitest sets "test").
  const child = spawn(process.execPath, ['scripts/prepare.mjs'], { cwd: repository, env: { ...process.env, NODE_ENV: 'development', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

describe("npm ci's preparation", () => {
  it('makes the seeded PGlite template, which the next fresh start loads', async () => {
    const templatesDir = join(root.path, 'templates');
    const { code, output } = await prepare({ PGLITE_TEMPLATES_DIR: templatesDir });
    expect(output).not.toMatch(FAILED);
    expect(output).toMatch(/PGlite template: made/);
    expect(code).toBe(0);
    expect((await PgliteTemplate.of(templatesDir, subgraphs, true, createLogger('prepare-test', 'silent'))).exists).toBe(true);
    // Only the template: the temporary data directory was removed.
    expect((await readdir(templatesDir)).filter((name) => !name.startsWith('seeded-'))).toEqual([]);

    const phases: string[] = [];
    const logger = createLogger('prepare-test', 'info', { write: (line: string) => void phases.push((JSON.parse(line) as { phase?: string }).phase ?? '') });
    const app = await startEmbedded(loadConfig({ ...freePorts(), DATA_DIR: join(root.path, 'data'), PGLITE_TEMPLATES_DIR: templatesDir }), logger);
    await app.stop();
    expect(phases).toContain('PGlite loaded from the template');
    expect(phases).not.toContain('PGlite template saved');
  }, 300_000);

  it('never fails the install: it says what npm start will build instead, and exits 0', async () => {
    const templatesDir = join(root.path, 'unused');
    const { code, output } = await prepare({ PGLITE_TEMPLATES_DIR: templatesDir, LOG_LEVEL: 'loud' });
    expect(FAILED.exec(output)?.slice(1)).toEqual(['the embedded bundle and the PGlite template', 'exit 1']);
    expect(code).toBe(0);
  }, 120_000);
});
