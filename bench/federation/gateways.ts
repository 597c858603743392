// How each gateway under test is started as a child process against a supergraph file, and how
// the benchmark subgraphs are started. Every child leads its own process group (children.ts).
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnChild, type Child } from './children.js';
import { build as esbuild } from 'esbuild';
import { buildProcesses } from '../../scripts/build.js';
import { SUBGRAPH_NAMES, type SubgraphName } from './subgraphs.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningGateway {
  child: Child;
  /** Where clients POST GraphQL. */
  url: string;
}

export type GatewayId = 'ours' | 'ours-nodedupe' | 'ours-nodedupe-gatewayexec' | 'ours-nodedupe-nofast' | 'stock' | 'hive' | 'hive-nodedupe' | 'hive-rust' | 'hive-rust-nodedupe';

export const GATEWAY_LABELS: Record<GatewayId, string> = {
  ours: 'ours (router/)',
  'ours-nodedupe': 'ours, query dedupe off',
  'ours-nodedupe-gatewayexec': "ours, query dedupe off, the gateway's plan executor",
  'ours-nodedupe-nofast': 'ours, query dedupe and fast path off',
  stock: 'stock @apollo/gateway + Apollo Server',
  hive: 'Hive Gateway',
  'hive-nodedupe': 'Hive Gateway, upstream dedupe off',
  'hive-rust': 'Hive Gateway, Rust planner (router-runtime)',
  'hive-rust-nodedupe': 'Hive Gateway, Rust planner, upstream dedupe off',
};

/**
 * Operation limits for our router, raised above what TestQuery needs (depth 8, Armor cost 963,
 * 93 tokens, no aliases; the router's defaults 10 / 5000 / 1000 / 15 would already admit it) so
 * they can never be what a run measures.
 */
export const ROUTER_LIMITS = { MAX_DEPTH: '20', MAX_COST: '100000', MAX_TOKENS: '10000', MAX_ALIASES: '100' };

export interface GatewayOptions {
  supergraphPath: string;
  /** Worker processes (node:cluster). */
  workers: number;
  /** Extra node flags for our router only, e.g. --cpu-prof. */
  nodeFlags?: string[];
  /** Extra environment for our router only, e.g. DEDUPLICATE_QUERIES=false. */
  env?: Record<string, string>;
}

/**
 * The router and the stock gateway run as plain JavaScript, as deployed (the images run
 * `npm run build`'s bundles): through tsx each would carry its loader (about 90 MiB and a little
 * CPU per request) and the comparison would measure that. Hive ships compiled JavaScript.
 */
let built: Promise<void> | undefined;
function buildGateways(): Promise<void> {
  built ??= (async () => {
    await buildProcesses({ only: ['router'] });
    await esbuild({ entryPoints: [join(ROOT, 'bench/federation/stock-gateway.ts')], outfile: join(ROOT, STOCK_BUNDLE), bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  })();
  return built;
}
const STOCK_BUNDLE = 'dist/bench/stock-gateway.mjs';

/** A gateway as a node child process on a free port, once it logged `listening`; clients POST to `path` on it. */
async function spawnGateway(name: string, listening: RegExp, path: string, command: (port: number) => { args: string[]; env: Record<string, string> }): Promise<RunningGateway> {
  const port = await freePort();
  const child = spawnChild({ name, command: process.execPath, cwd: ROOT, ...command(port) });
  await child.waitForLine(listening);
  return { child, url: `http://127.0.0.1:${port}${path}` };
}

/** Our router in production mode. Tokens are never sent, so the JWKS URL is never fetched. */
export async function startOurRouter(options: GatewayOptions): Promise<RunningGateway> {
  await buildGateways();
  return spawnGateway('our router', /router listening/, '/graphql', (port) => ({
    args: [...(options.nodeFlags ?? []), 'dist/router/main.mjs'],
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      SUPERGRAPH_PATH: options.supergraphPath,
      SUBGRAPH_SECRET: randomBytes(30).toString('base64url'), // 40 characters
      REQUESTS_PER_MINUTE: '100000000',
      ...ROUTER_LIMITS,
      JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
      ROUTER_WORKERS: String(options.workers),
      ...options.env,
    },
  }));
}

/** @apollo/gateway in Apollo Server's standalone server, default settings (stock-gateway.ts). */
export async function startStockGateway(options: GatewayOptions): Promise<RunningGateway> {
  await buildGateways();
  return spawnGateway('stock gateway', /stock gateway listening/, '/', (port) => ({
    args: [STOCK_BUNDLE, '--supergraph', options.supergraphPath, '--port', String(port), '--workers', String(options.workers)],
    env: { NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: 'true' },
  }));
}

/**
 * Hive Gateway's own CLI with default settings (or the given config file). It reports nothing
 * anywhere unless given Hive or GraphOS tokens or OpenTelemetry endpoints (none are), and it
 * watches the supergraph file rather than polling any network. Runs from the repository root,
 * which holds no gateway.config.* file it would pick up.
 */
export async function startHiveGateway(options: GatewayOptions & { configPath?: string; rustRuntime?: boolean }): Promise<RunningGateway> {
  const bin = join(dirname(createRequire(import.meta.url).resolve('@graphql-hive/gateway')), 'bin.js');
  return spawnGateway('hive gateway', /Listening on/, '/graphql', (port) => ({
    args: [
      bin,
      ...(options.configPath ? ['--config-path', options.configPath] : []),
      'supergraph',
      options.supergraphPath,
      ...(options.rustRuntime ? ['--hive-router-runtime'] : []),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--fork',
      String(options.workers),
    ],
    env: { NODE_ENV: 'production', NO_COLOR: '1' },
  }));
}

export const START_GATEWAY: Record<GatewayId, (options: GatewayOptions) => Promise<RunningGateway>> = {
  ours: startOurRouter,
  'ours-nodedupe': (options) => startOurRouter({ ...options, env: { ...options.env, DEDUPLICATE_QUERIES: 'false' } }),
  'ours-nodedupe-gatewayexec': (options) => startOurRouter({ ...options, env: { ...options.env, DEDUPLICATE_QUERIES: 'false', PLAN_EXECUTOR: 'gateway' } }),
  'ours-nodedupe-nofast': (options) => startOurRouter({ ...options, env: { ...options.env, DEDUPLICATE_QUERIES: 'false', FAST_PATH: 'false' } }),
  stock: startStockGateway,
  hive: startHiveGateway,
  'hive-nodedupe': (options) => startHiveGateway({ ...options, configPath: join(ROOT, 'bench/federation/hive-no-dedupe.config.ts') }),
  // Hive Router's Rust query planner and executor inside Hive Gateway (@graphql-hive/router-runtime).
  'hive-rust': (options) => startHiveGateway({ ...options, rustRuntime: true }),
  'hive-rust-nodedupe': (options) => startHiveGateway({ ...options, configPath: join(ROOT, 'bench/federation/hive-rust-no-dedupe.config.ts') }),
};

export interface RunningSubgraphs {
  urls: Partial<Record<SubgraphName, string>>;
  /** One child per process; several subgraphs may share one. */
  children: Child[];
  stop(): Promise<void>;
}

/** Starts the named subgraphs, spread over `processes` processes (1 to one per subgraph). */
export async function startSubgraphs(names: readonly SubgraphName[] = SUBGRAPH_NAMES, processes = names.length): Promise<RunningSubgraphs> {
  const count = Math.max(1, Math.min(processes, names.length));
  const groups: SubgraphName[][] = Array.from({ length: count }, () => []);
  names.forEach((name, i) => groups[i % count]!.push(name));
  const started = await Promise.all(
    groups.map(async (group) => {
      const child = spawnChild({
        name: `subgraphs ${group.join('+')}`,
        command: process.execPath,
        args: ['--import', 'tsx', 'bench/federation/subgraphs-process.ts', ...group],
        cwd: ROOT,
        env: { NODE_ENV: 'production' },
        ipc: true,
      });
      const urls = await child.waitForMessage((message) =>
        typeof message === 'object' && message !== null && 'ready' in message ? (message.ready as Partial<Record<SubgraphName, string>>) : undefined,
      );
      return { child, urls };
    }),
  );
  const children = started.map((s) => s.child);
  return {
    urls: Object.assign({}, ...started.map((s) => s.urls)) as Partial<Record<SubgraphName, string>>,
    children,
    stop: async () => {
      await Promise.all(children.map((c) => c.stop()));
    },
  };
}
