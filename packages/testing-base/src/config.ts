/** Where the test suite finds the machine's real servers (CI runs on the same machine). */
export const testConfig = {
  /** Admin connection used to create and drop one database per test file. */
  postgresAdminUrl: process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  /** The fuzz test's seed, to replay a run it printed; unset: a new seed each run. */
  fuzzSeed: process.env['FUZZ_SEED'],
};

/** The environment a test's child process starts from (this process's, plus the test's own settings). */
export function childEnvironment(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...process.env, ...extra };
}
