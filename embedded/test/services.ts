import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { JWKS_PATH } from '@bookstore/server-core';
import { createTestDatabase, freePort, startChild, testConfig, type ChildService, type TestDatabase } from '@bookstore/testing';

// Services mode for tests: each subgraph and router a real process, as operators run them.
const root = fileURLToPath(new URL('../..', import.meta.url));

export const ADMIN = { email: 'root@example.com', password: 'an unguessable admin passphrase 7' };

export interface RunningService {
  child: ChildService;
  url: string;
  port: number;
}

export class ServicesStack {
  readonly env: Record<string, string>;
  private readonly children: ChildService[] = [];
  private readonly clients: { dispose(): unknown }[] = [];

  /**
   * A stack on a PostgreSQL database of its own (dropped by `stop`) and the test Redis: one per
   * test file, for `useHarness`.
   */
  static async onOwnDatabase(name: string): Promise<ServicesStack & { stop(): Promise<void> }> {
    const database: TestDatabase = await createTestDatabase(name);
    const stack = new ServicesStack({ databaseUrl: database.url, redisUrl: testConfig.redisUrl });
    return Object.assign(stack, {
      async stop() {
        await stack.stopAll();
        await database.drop();
      },
    });
  }

  constructor(options: { databaseUrl: string; redisUrl: string }) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.env = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      // One process per router: the tests count routers as processes, and CI has two cores.
      ROUTER_WORKERS: '1',
      // Several processes of one kind run side by side: each takes a free metrics port.
      METRICS_PORT: '0',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: `test-services-${randomUUID()}`,
      // A killed worker's jobs are taken over once their lock expires: short here, 30 s by default.
      QUEUE_LOCK_MS: '2000',
      JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    };
  }

  /**
   * Starts the users subgraph, and points every process started after it at its key set, as
   * operators set JWKS_URL; the other subgraphs and the router verify tokens against it.
   */
  async startUsers(extraEnv: Record<string, string> = {}): Promise<RunningService> {
    const users = await this.start('users', extraEnv);
    this.env['JWKS_URL'] = `${users.url}${JWKS_PATH}`;
    return users;
  }

  /** Starts `subgraphs/<name>/src/main.ts` (or the router with name "router") on a free port, or on `port`. */
  async start(name: string, extraEnv: Record<string, string> = {}, port?: number): Promise<RunningService> {
    const listenOn = port ?? (await freePort());
    const entry = name === 'router' ? 'router/src/main.ts' : `subgraphs/${name}/src/main.ts`;
    const child = startChild(process.execPath, ['--import', 'tsx', entry], { cwd: root, env: { ...this.env, ...extraEnv, PORT: String(listenOn) } });
    this.children.push(child);
    await child.waitFor(name === 'router' ? /router listening/ : /subgraph listening/, 60_000);
    return { child, url: `http://127.0.0.1:${listenOn}`, port: listenOn };
  }

  /** Returns `client`, disposed by `stopAll` before the services stop (a WebSocket client, so no socket outlives its router). */
  disposeOnStop<T extends { dispose(): unknown }>(client: T): T {
    this.clients.push(client);
    return client;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((client) => client.dispose()));
    await Promise.all(this.children.map((child) => child.stop()));
  }
}
