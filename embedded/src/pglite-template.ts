import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { constants, copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '@bookstore/server-core';
import { openPglite, type RunningSubgraph, type SubgraphDescriptor } from '@bookstore/subgraph-runtime';
import { DEMO_CREDENTIALS_FILE } from './demo-credentials.js';

/** How long a new template waits for the start's events to be relayed and handled before it is taken. */
const QUIET_TIMEOUT_MS = 30_000;

/** The template's copy of the PGlite data directory. */
const PGDATA = 'pgdata';

/**
 * A PGlite data directory as a fresh start leaves it (every schema migrated, the demo data seeded
 * when seeding is on), kept as a plain copy of the directory so the next start on an empty
 * DATA_DIR copies it (copyTree) instead of loading a `dumpDataDir` tarball through PGlite's file
 * system, and instead of running
 * initdb, seven schemas' migrations and the seeding again: the first start on a
 * machine makes it, every later fresh start (`rm -rf .data`, each embedded test's temporary
 * directory) reuses it. The name is a hash of what shapes the data: whether it is seeded, and
 * every subgraph's name and migration files, so a new migration makes a new template (the old
 * one is left for other checkouts). A seeded template carries the demo
 * accounts it was seeded with (random passwords, made on this machine; kept with mode 0600).
 */
export class PgliteTemplate {
  private constructor(
    private readonly dir: string,
    private readonly seeded: boolean,
    private readonly logger: Logger,
  ) {}

  static async of(templatesDir: string, descriptors: readonly SubgraphDescriptor[], seeded: boolean, logger: Logger): Promise<PgliteTemplate> {
    const hash = createHash('sha256');
    // The template's format: a copied data directory (a tarball before it).
    hash.update(PGDATA);
    for (const descriptor of descriptors) {
      hash.update(`\0${descriptor.name}`);
      for (const file of await filesUnder(descriptor.migrationsFolder)) hash.update(file).update(await readFile(join(descriptor.migrationsFolder, file)));
    }
    return new PgliteTemplate(join(resolve(templatesDir), `${seeded ? 'seeded' : 'empty'}-${hash.digest('hex').slice(0, 16)}`), seeded, logger);
  }

  /**
   * Whether a start on `dataDir` begins a new database, the only start a template serves: no
   * PGlite data there yet, and no demo credentials (which belong to a database seeded before).
   */
  static wanted(dataDir: string): boolean {
    return !existsSync(join(dataDir, 'pglite')) && !existsSync(join(dataDir, DEMO_CREDENTIALS_FILE));
  }

  get exists(): boolean {
    return existsSync(join(this.dir, PGDATA, 'PG_VERSION'));
  }

  /**
   * Opens `dataDir`'s PGlite database, loading the template into it when the directory holds no
   * data yet (a template never overwrites anything). `makeTemplate`: this start creates the
   * database from nothing and no template exists, so `save` should take one once it is ready.
   * A template PGlite cannot load (made by another PGlite version, whose Postgres the name does
   * not capture) is discarded, and the start goes on from nothing and makes a new one.
   */
  async open(dataDir: string): Promise<{ pglite: PGlite; loaded: boolean; makeTemplate: boolean }> {
    const pgliteDir = join(dataDir, 'pglite');
    const fresh = PgliteTemplate.wanted(dataDir);
    if (!fresh || !this.exists) return { pglite: await openPglite(pgliteDir), loaded: false, makeTemplate: fresh };
    try {
      await mkdir(dataDir, { recursive: true });
      // Copied beside and renamed into place: a copy cut short never looks like a database.
      const partial = `${pgliteDir}.${process.pid}.${randomBytes(4).toString('hex')}`;
      try {
        await copyTree(join(this.dir, PGDATA), partial);
        // A concurrent start on the same directory renamed its copy first: its lock decides.
        await rename(partial, pgliteDir).catch((error: unknown) => {
          if (!existsSync(pgliteDir)) throw error;
        });
      } finally {
        await rm(partial, { recursive: true, force: true });
      }
      if (this.seeded) await writeFile(join(dataDir, DEMO_CREDENTIALS_FILE), await readFile(join(this.dir, DEMO_CREDENTIALS_FILE)), { mode: 0o600 });
      return { pglite: await openPglite(pgliteDir), loaded: true, makeTemplate: false };
    } catch (error) {
      if ((error as Error).name === 'DataDirInUseError') throw error;
      this.logger.warn({ err: error, template: this.dir }, 'the PGlite template does not load; discarding it and starting from an empty database');
      await Promise.all([rm(this.dir, { recursive: true, force: true }), rm(pgliteDir, { recursive: true, force: true }), rm(join(dataDir, DEMO_CREDENTIALS_FILE), { force: true })]);
      return { pglite: await openPglite(pgliteDir), loaded: false, makeTemplate: true };
    }
  }

  /**
   * Takes the template from a start that has just prepared its data, once its events have been
   * relayed and handled (the in-process queue keeps no jobs across a copy). Written beside and
   * renamed into place, so a concurrent start (parallel test files) never reads half of one;
   * when two make one at once, the first rename wins. A template that cannot be written only
   * costs the next start its speed.
   */
  async save(pglite: PGlite, dataDir: string, subgraphs: readonly RunningSubgraph[]): Promise<void> {
    if (!(await quiet(subgraphs))) {
      this.logger.info('events still in flight; the PGlite template is left for the next fresh start to make');
      return;
    }
    const partial = `${this.dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      await mkdir(partial, { recursive: true });
      // PGlite writes straight through to the directory's files (NODEFS), so a copy taken while it
      // runs no statement holds what dumpDataDir's tarball would, without the tarball. Checkpointed
      // first: a start from the copy then has no write-ahead log to replay (1.7 s of CPU otherwise).
      await pglite.exec('CHECKPOINT');
      await pglite._runExclusiveQuery(() => copyTree(join(dataDir, 'pglite'), join(partial, PGDATA)));
      if (this.seeded) await writeFile(join(partial, DEMO_CREDENTIALS_FILE), await readFile(join(dataDir, DEMO_CREDENTIALS_FILE)), { mode: 0o600 });
      await rename(partial, this.dir).catch((error: unknown) => {
        if (!this.exists) throw error;
      });
      this.logger.info({ template: this.dir }, 'saved a PGlite template for the next fresh start');
    } catch (error) {
      this.logger.warn({ err: error, template: this.dir }, 'could not save the PGlite template');
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
  }
}

/** Every subgraph's outbox relayed and queue drained, within QUIET_TIMEOUT_MS. */
async function quiet(subgraphs: readonly RunningSubgraph[]): Promise<boolean> {
  const deadline = Date.now() + QUIET_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const busy = await Promise.all(
      subgraphs.map(async ({ events }) => {
        if (!events) return false;
        const [backlog, queue] = await Promise.all([events.outboxBacklog(), events.queueDepth()]);
        return backlog > 0 || (queue !== undefined && queue.depth.waiting + queue.depth.active + queue.depth.delayed > 0);
      }),
    );
    if (!busy.includes(true)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/**
 * Copies a directory tree, several files at a time (a clone where the file system can make one).
 * About 0.45 s of CPU for a template's 1,200 files, where fs.cp took 1 to 1.5 s.
 */
async function copyTree(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const under = (entry: (typeof entries)[number]) => join(entry.parentPath.slice(from.length), entry.name);
  await mkdir(to, { recursive: true });
  for (const dir of entries.filter((entry) => entry.isDirectory()).map(under).sort()) await mkdir(join(to, dir), { recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map(under);
  let next = 0;
  const copier = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      await copyFile(join(from, file), join(to, file), constants.COPYFILE_FICLONE);
    }
  };
  await Promise.all(Array.from({ length: 8 }, copier));
}

async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const files = await Promise.all(entries.map((entry) => (entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)])));
  return files.flat().sort();
}
