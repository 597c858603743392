import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { testConfig } from '@bookstore/testing-base';
import { openPglite, type DatabaseTarget } from '../db.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty PostgreSQL database for one test file (drop it in afterAll). */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(testConfig.postgresAdminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 1 });
  }
  const url = new URL(testConfig.postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const sql = postgres(testConfig.postgresAdminUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await sql.end({ timeout: 1 });
      }
    },
  };
}

export type TargetKind = 'postgres' | 'pglite';

export interface TestTarget {
  target: DatabaseTarget;
  /** Closes PGlite or drops the PostgreSQL database. */
  dispose(): Promise<void>;
}

/**
 * A fresh database of either adapter, so one suite runs as a contract test against both:
 * PostgreSQL (services mode) and in-memory PGlite (embedded mode).
 */
export async function openTestTarget(kind: TargetKind, label: string): Promise<TestTarget> {
  if (kind === 'postgres') {
    const database = await createTestDatabase(label);
    return { target: { kind: 'postgres', url: database.url, poolSize: 4 }, dispose: () => database.drop() };
  }
  const pglite = await openPglite(undefined);
  return { target: { kind: 'pglite', pglite }, dispose: () => pglite.close() };
}

export interface QueryCounter {
  /** Pass as runSubgraph's / openDatabase's `onQuery`. */
  onQuery: (query: string) => void;
  /** The SQL statements `run` causes (matching `pattern` when given): the N+1 check. */
  count(run: () => Promise<unknown>, pattern?: RegExp): Promise<number>;
}

export function queryCounter(): QueryCounter {
  let active: { pattern?: RegExp; count: number } | null = null;
  return {
    onQuery(query) {
      if (active && (!active.pattern || active.pattern.test(query))) active.count++;
    },
    async count(run, pattern) {
      const counter = { pattern, count: 0 };
      active = counter;
      try {
        await run();
      } finally {
        active = null;
      }
      return counter.count;
    },
  };
}
