import { defineSubgraph, type SubgraphDescriptor } from '@bookstore/subgraph-runtime';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, loadPrepareConfig } from './config.js';
import { subgraphs } from './subgraphs.js';

describe('embedded config', () => {
  it("reads every subgraph's own settings under the names its process reads, with their defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 4000, USERS_PORT: 4001, SUMMARIES_PORT: 4007, PAYMENT_WINDOW_SECONDS: 900, LOAN_PERIOD_DAYS: 14, SUMMARY_PROVIDER: 'extractive', ACCESS_TOKEN_TTL_SECONDS: 900, REQUESTS_PER_MINUTE: 1200, MAX_DEPTH: 10 });
    expect(loadConfig({ LOAN_PERIOD_DAYS: '21', SUMMARY_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://localhost:11434/v1', OPENAI_MODEL: 'llama3.2' })).toMatchObject({ LOAN_PERIOD_DAYS: 21, SUMMARY_PROVIDER: 'openai' });
  });

  it('stops at an unknown or unusable value, naming the variable', () => {
    expect(() => loadConfig({ LOAN_PERIOD_DAYS: 'two weeks' })).toThrow(/LOAN_PERIOD_DAYS:/);
    expect(() => loadConfig({ SUMMARY_PROVIDER: 'gpt' })).toThrow(/SUMMARY_PROVIDER:/);
    expect(() => loadConfig({ SUMMARY_PROVIDER: 'openai' })).toThrow(expect.objectContaining({ problems: [expect.stringMatching(/^OPENAI_BASE_URL:/), expect.stringMatching(/^OPENAI_MODEL:/)] }));
    expect(() => loadConfig({ ADMIN_EMAIL: 'root@example.com' })).toThrow(/ADMIN_PASSWORD:/);
    expect(() => loadConfig({ MAX_DEPTH: '0' })).toThrow(/MAX_DEPTH:/);
  });

  it('seeds demo data by default, except in production unless asked', () => {
    expect(loadConfig({}).SEED_DEMO_DATA).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).SEED_DEMO_DATA).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO_DATA: 'true' }).SEED_DEMO_DATA).toBe(true);
    expect(loadConfig({ SEED_DEMO_DATA: 'no' }).SEED_DEMO_DATA).toBe(false);
  });

  it("prepares (--prepare) what a plain npm start uses: free ports, PGlite and in-process jobs, the caller's other settings", () => {
    const config = loadPrepareConfig({ PORT: '4000', USERS_PORT: '4001', DATABASE_URL: 'postgres://db/shop', REDIS_URL: 'redis://cache:6379', PGLITE_TEMPLATES_DIR: '/tmp/templates' });
    expect(config).toMatchObject({ PORT: 0, METRICS_PORT: 0, USERS_PORT: 0, SUMMARIES_PORT: 0, PGLITE_TEMPLATES_DIR: '/tmp/templates', SEED_DEMO_DATA: true });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('refuses two subgraphs that claim one setting, since one would silently win', () => {
    const claiming: SubgraphDescriptor = defineSubgraph({
      name: 'shelves',
      migrationsFolder: '/nowhere',
      settings: { port: 4100, schema: z.object({ LOAN_PERIOD_DAYS: z.coerce.number().default(7) }) },
      build: () => {
        throw new Error('not built');
      },
    });
    expect(() => loadConfig({}, [...subgraphs, claiming])).toThrow('LOAN_PERIOD_DAYS is a setting of both the loans subgraph and the shelves subgraph.');
  });
});
