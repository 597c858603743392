// The deployment artefacts agree with the code and with each other: deploy/Dockerfile,
// docker-compose.yml, .env.example and deploy/k8s (rendered with `kubectl kustomize`) against
// supergraph.yaml and every process's own config parser; and the bundles `npm run build` writes
// run the way the image runs them, against the machine's PostgreSQL and Redis.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assertRedisInServicesMode, assertSubgraphSecret, ConfigError } from '@bookstore/server-core';
import { createTestDatabase, deleteRedisKeys, startChild, testConfig, type ChildService, type TestDatabase } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { buildProcesses, type BuiltProcess } from './build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFile(join(root, path), 'utf8');

// ---------------------------------------------------------------------------------------------
// What the deployment must match: supergraph.yaml and the processes' config modules
// ---------------------------------------------------------------------------------------------

interface Subgraph {
  name: string;
  port: number;
  /** Where Prometheus scrapes `/metrics`: the routing port with 9 for 4 (4003 -> 9403). */
  metricsPort: number;
}

const supergraph = parse(await read('supergraph.yaml')) as { subgraphs: Record<string, { routing_url: string }> };
const metricsPortOf = (port: number) => port + 5_400;
const subgraphs: Subgraph[] = Object.entries(supergraph.subgraphs).map(([name, { routing_url }]) => {
  const port = Number(new URL(routing_url).port);
  return { name, port, metricsPort: metricsPortOf(port) };
});
const ROUTER_PORT = 4000;
const services = [...subgraphs.map((s) => ({ ...s, kind: 'subgraph' as const })), { name: 'router', port: ROUTER_PORT, metricsPort: metricsPortOf(ROUTER_PORT), kind: 'router' as const }];
/** The storefront's static server (web/server): no database, no secrets, no metrics port. */
const WEB_PORT = 4008;
const loadWebConfig = async () => ((await import(pathToFileURL(join(root, 'web', 'server', 'config.ts')).href)) as { loadConfig: LoadConfig }).loadConfig;
const expectedSubgraphUrls = Object.fromEntries(subgraphs.map(({ name, port }) => [name, `http://${name}:${port}/graphql`]));

type Config = Record<string, unknown>;
type LoadConfig = (env: Record<string, string | undefined>) => Config;

/** Each process's own `loadConfig`: the deployment's environment is checked by the parser the process runs. */
async function loadConfigOf(name: string): Promise<LoadConfig> {
  const dir = name === 'router' ? 'router' : `subgraphs/${name}`;
  const module = (await import(pathToFileURL(join(root, dir, 'src', 'config.ts')).href)) as { loadConfig: LoadConfig };
  return module.loadConfig;
}

/**
 * What a process needs from its deployment beyond the defaults in its config.ts: production mode,
 * an address reachable from other containers, its routing port, the shared secret, the users
 * subgraph's JWKS and revocation list, and, per kind, PostgreSQL and Redis (subgraphs: services mode), the signing
 * key (users) and the subgraph URLs (router).
 */
function expectDeployable(service: (typeof services)[number], env: Record<string, string | undefined>, loadConfig: LoadConfig): void {
  const config = loadConfig(env);
  expect(config['NODE_ENV'], `${service.name}: NODE_ENV`).toBe('production');
  expect(config['HOST'], `${service.name}: HOST`).toBe('0.0.0.0');
  expect(config['PORT'], `${service.name}: PORT`).toBe(service.port);
  expect(config['METRICS_PORT'], `${service.name}: METRICS_PORT`).toBe(service.metricsPort);
  expect(config['SUBGRAPH_SECRET'], `${service.name}: SUBGRAPH_SECRET`).toEqual(expect.any(String));
  expect(() => assertSubgraphSecret(config as { NODE_ENV: string; SUBGRAPH_SECRET?: string })).not.toThrow();
  const jwks = new URL(String(config['JWKS_URL']));
  expect(`${jwks.hostname}:${jwks.port}${jwks.pathname}`, `${service.name}: JWKS_URL`).toBe(`users:${subgraphs.find((s) => s.name === 'users')!.port}/.well-known/jwks.json`);
  const revocations = new URL(String(config['REVOCATIONS_URL'] ?? new URL('/revocations', jwks)));
  expect(`${revocations.hostname}:${revocations.port}${revocations.pathname}`, `${service.name}: REVOCATIONS_URL`).toBe(`${jwks.hostname}:${jwks.port}/revocations`);
  if (service.kind === 'subgraph') {
    expect(config['DATABASE_URL'], `${service.name}: DATABASE_URL`).toMatch(/^postgres(ql)?:\/\//);
    expect(config['REDIS_URL'], `${service.name}: REDIS_URL`).toMatch(/^rediss?:\/\//);
    expect(() => assertRedisInServicesMode(config as { DATABASE_URL?: string; REDIS_URL?: string })).not.toThrow();
  }
  if (service.name === 'users') expect(config['JWT_PRIVATE_KEY'], 'users: JWT_PRIVATE_KEY').toContain('PRIVATE KEY');
  if (service.name === 'router') expect(config['SUBGRAPH_URLS'], 'router: SUBGRAPH_URLS').toEqual(expectedSubgraphUrls);
}

/** Every variable a config module can read: the keys of the zod schemas, and process.env reads. */
async function configVariables(): Promise<Set<string>> {
  const files = [
    'packages/server-core/src/config.ts',
    'packages/subgraph-runtime/src/subgraph-process.ts',
    'packages/testing-base/src/config.ts',
    'router/src/config.ts',
    'embedded/src/config.ts',
    'web/server/config.ts',
    ...subgraphs.map(({ name }) => `subgraphs/${name}/src/config.ts`),
  ];
  const names = new Set<string>();
  for (const file of files) {
    const source = await read(file);
    for (const [, name] of source.matchAll(/^\s*([A-Z][A-Z0-9_]*):\s/gm)) names.add(name!);
    // Reads only: `process.env['X'] = ...` (the router switching off Apollo's telemetry) is a write.
    for (const [, name] of source.matchAll(/process\.env\[['"]([A-Z][A-Z0-9_]*)['"]\](?!\s*=[^=])/g)) names.add(name!);
  }
  return names;
}

const testSecrets = {
  SUBGRAPH_SECRET: randomBytes(32).toString('hex'),
  JWT_PRIVATE_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};

// ---------------------------------------------------------------------------------------------
// deploy/Dockerfile and .dockerignore
// ---------------------------------------------------------------------------------------------

describe('deploy/Dockerfile', async () => {
  const dockerfile = await read('deploy/Dockerfile');
  const lines = dockerfile.split('\n').map((line) => line.trim());
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1)!;

  it('copies every workspace package.json before npm ci, so the dependency layer installs every workspace', async () => {
    const { workspaces } = JSON.parse(await read('package.json')) as { workspaces: string[] };
    const folders: string[] = [];
    for (const pattern of workspaces) {
      if (!pattern.endsWith('/*')) folders.push(pattern);
      else for (const entry of await readdir(join(root, pattern.slice(0, -2)), { withFileTypes: true })) if (entry.isDirectory() && existsSync(join(root, pattern.slice(0, -2), entry.name, 'package.json'))) folders.push(`${pattern.slice(0, -2)}/${entry.name}`);
    }
    expect(folders.length).toBeGreaterThanOrEqual(subgraphs.length + 3);
    const npmCi = lines.findIndex((line) => /npm ci\b/.test(line));
    expect(npmCi, 'npm ci').toBeGreaterThan(0);
    // The root's postinstall (scripts/prepare.mjs) is not in this layer: the install would fail.
    expect(lines[npmCi]).toMatch(/ --ignore-scripts\b/);
    for (const folder of folders) {
      const copy = lines.indexOf(`COPY ${folder}/package.json ${folder}/`);
      expect(copy, `COPY ${folder}/package.json ${folder}/`).toBeGreaterThan(0);
      expect(copy).toBeLessThan(npmCi);
    }
    expect(lines.indexOf('COPY . .'), 'sources are copied after npm ci').toBeGreaterThan(npmCi);
  });

  it('builds with npm run build and picks the process with the SERVICE build argument', () => {
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(runtime).toMatch(/^\$\{NODE_IMAGE\} AS runtime/);
    expect(runtime).toMatch(/^ARG SERVICE$/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist\/\$\{SERVICE\} \/app\/dist\/\$\{SERVICE\}$/m);
    expect(runtime).toMatch(/^WORKDIR \/app\/dist\/\$\{SERVICE\}$/m);
    expect(runtime).toMatch(/^CMD \["node", "main\.mjs"\]$/m);
  });

  it('runs as node in production, checks /health, and holds no sources, dev dependencies or tests', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENV .*\bNODE_ENV=production\b/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*CMD \["node", "healthcheck\.mjs"\]$/m);
    // Only the bundle and the pruned node_modules come into the final stage.
    const copies = runtime.split('\n').filter((line) => line.startsWith('COPY '));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy, copy).toMatch(/^COPY --from=(build|service) /);
    expect(runtime).not.toMatch(/npm (ci|install)/);
  });

  it('.dockerignore keeps the host node_modules, build output, secrets and history out of the context', async () => {
    const ignored = (await read('.dockerignore')).split('\n').map((line) => line.trim());
    for (const pattern of ['**/node_modules', '**/dist', '.env', '.git']) expect(ignored, pattern).toContain(pattern);
  });
});

// ---------------------------------------------------------------------------------------------
// docker-compose.yml and .env.example
// ---------------------------------------------------------------------------------------------

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  command?: string[];
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** Compose's ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error} and $$. */
function interpolate(value: string, env: Record<string, string | undefined>, errors: string[]): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (match, name: string | undefined, operator: string | undefined, argument: string | undefined) => {
    if (match === '$$') return '$';
    const set = env[name!];
    switch (operator) {
      case undefined:
        return set ?? '';
      case ':-':
        return set ? set : argument!;
      case '-':
        return set ?? argument!;
      case ':?':
      case '?':
        if (operator === ':?' ? !set : set === undefined) errors.push(`${name}: ${argument}`);
        return set ?? '';
      default:
        throw new Error(`unexpected operator ${operator}`);
    }
  });
}

function interpolateAll<T>(value: T, env: Record<string, string | undefined>, errors: string[]): T {
  if (typeof value === 'string') return interpolate(value, env, errors) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => interpolateAll(item, env, errors)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateAll(item, env, errors)])) as T;
  return value;
}

/** NAME=value and `# NAME=value` lines: every variable the file documents. */
function envExampleNames(text: string): Set<string> {
  return new Set([...text.matchAll(/^#?\s?([A-Z][A-Z0-9_]*)=/gm)].map(([, name]) => name!));
}

describe('docker-compose.yml', async () => {
  const text = await read('docker-compose.yml');
  const raw = parse(text, { merge: true }) as ComposeFile;
  const envExample = await read('.env.example');
  // What an operator's .env holds: the example, with the required secrets filled in.
  const dotEnv = { ...testSecrets, POSTGRES_PASSWORD: 'compose-test-password' };
  const errors: string[] = [];
  const compose = interpolateAll(raw, dotEnv, errors);
  const environmentOf = (name: string) => Object.fromEntries(Object.entries(compose.services[name]?.environment ?? {}).map(([key, value]) => [key, value === null ? undefined : String(value)]));

  it('interpolates with the required secrets set, and refuses to start without them', () => {
    expect(errors).toEqual([]);
    const missing: string[] = [];
    interpolateAll(raw, {}, missing);
    const names = new Set(missing.map((error) => error.split(':')[0]));
    expect([...names].sort()).toEqual(['JWT_PRIVATE_KEY', 'POSTGRES_PASSWORD', 'SUBGRAPH_SECRET']);
  });

  it('runs every subgraph of supergraph.yaml from deploy/Dockerfile on its routing port, healthy only when /health answers, after PostgreSQL and Redis are healthy', () => {
    for (const { name, port } of subgraphs) {
      const service = compose.services[name];
      expect(service, `compose service ${name}`).toBeDefined();
      expect(service!.build, name).toMatchObject({ context: '.', dockerfile: 'deploy/Dockerfile', args: { SERVICE: name } });
      expect(environmentOf(name)['PORT'], `${name} PORT`).toBe(String(port));
      expect(service!.healthcheck?.test.join(' '), `${name} healthcheck`).toContain(`http://127.0.0.1:${port}/health`);
      expect(service!.depends_on, `${name} depends_on`).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    }
  });

  it('starts the router on 4000, published, after every subgraph is healthy, with SUBGRAPH_URLS naming each on its port', () => {
    const router = compose.services['router']!;
    expect(router.build).toMatchObject({ dockerfile: 'deploy/Dockerfile', args: { SERVICE: 'router' } });
    expect(router.ports).toEqual([`${ROUTER_PORT}:${ROUTER_PORT}`]);
    expect(router.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${ROUTER_PORT}/health`);
    expect(router.depends_on).toEqual(Object.fromEntries(subgraphs.map(({ name }) => [name, { condition: 'service_healthy' }])));
    const urls = Object.fromEntries(environmentOf('router')['SUBGRAPH_URLS']!.split(',').map((pair) => pair.split('=', 2) as [string, string]));
    expect(urls).toEqual(expectedSubgraphUrls);
  });

  it("gives every process what its config requires, as its own loadConfig parses it", async () => {
    for (const service of services) expectDeployable(service, environmentOf(service.name), await loadConfigOf(service.name));
  });

  it('serves the storefront from its own image on 8080, forwarding /graphql to the router, after the router is healthy', async () => {
    const web = compose.services['web']!;
    expect(web.build).toMatchObject({ context: '.', dockerfile: 'deploy/Dockerfile', args: { SERVICE: 'web' } });
    expect(web.ports).toEqual([`8080:${WEB_PORT}`]);
    expect(web.depends_on).toEqual({ router: { condition: 'service_healthy' } });
    expect(web.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${WEB_PORT}/health`);
    const config = (await loadWebConfig())(environmentOf('web'));
    expect(config).toMatchObject({ HOST: '0.0.0.0', PORT: WEB_PORT, GRAPHQL_UPSTREAM: `http://router:${ROUTER_PORT}` });
  });

  it('keeps PostgreSQL and Redis data in named volumes, with health checks, and Redis as bullmq needs it', () => {
    const { postgres, redis } = compose.services;
    expect(postgres?.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(redis?.healthcheck?.test.join(' ')).toContain('ping');
    expect(redis?.command?.join(' ')).toMatch(/--appendonly yes/);
    expect(redis?.command?.join(' ')).toMatch(/--maxmemory-policy noeviction/);
    for (const service of [postgres, redis]) {
      const volume = service?.volumes?.[0]?.split(':')[0];
      expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    }
  });

  it('.env.example lists every variable docker-compose.yml reads, and holds no secret', () => {
    const documented = envExampleNames(envExample);
    // From the parsed values, not the comments.
    const used = new Set([...JSON.stringify(raw).matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map(([, name]) => name!));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((name) => !documented.has(name))).toEqual([]);
    for (const name of ['SUBGRAPH_SECRET', 'JWT_PRIVATE_KEY', 'POSTGRES_PASSWORD']) expect(envExample).toMatch(new RegExp(`^${name}=$`, 'm'));
  });
});

describe('.env.example', () => {
  it('lists every variable any process reads', async () => {
    const variables = await configVariables();
    // The scan itself works: a few variables of every kind of config module are found.
    for (const name of ['NODE_ENV', 'SUBGRAPH_SECRET', 'DATABASE_URL', 'REDIS_URL', 'JWT_PRIVATE_KEY', 'PAYMENT_WINDOW_SECONDS', 'LOAN_PERIOD_DAYS', 'SUMMARY_PROVIDER', 'SUBGRAPH_URLS', 'SEED_DEMO_DATA', 'TEST_POSTGRES_URL']) expect(variables, name).toContain(name);
    const documented = envExampleNames(await read('.env.example'));
    expect([...variables].filter((name) => !documented.has(name))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// deploy/k8s, rendered as it is applied
// ---------------------------------------------------------------------------------------------

interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
  resources?: { requests?: { memory?: string; cpu?: string }; limits?: { memory?: string; cpu?: string } };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
}
interface PodTemplate {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: { securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } }; containers: Container[] };
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    replicas?: number;
    selector?: { matchLabels: Record<string, string> };
    template?: PodTemplate;
    ports?: { name?: string; port: number; targetPort: string | number }[];
    scaleTargetRef?: { apiVersion: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: { type: string; resource?: { name: string } }[];
    rules?: { http: { paths: { path: string; backend: { service: { name: string; port: { name?: string; number?: number } } } }[] } }[];
  };
}

function kustomize(dir: string): K8sObject[] {
  const result = spawnSync('kubectl', ['kustomize', join(root, dir)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error('kubectl is not installed (or not on PATH): these checks render deploy/k8s with `kubectl kustomize`, offline, no cluster needed. Install kubectl 1.27 or newer.');
  }
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${result.stderr}`);
  return parseAllDocuments(result.stdout).map((document) => document.toJS() as K8sObject);
}

/** Kubernetes quantities as bytes: 128Mi, 1Gi, 500M. */
function bytes(quantity: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G)?$/.exec(quantity ?? '');
  if (!match) throw new Error(`not a memory quantity: ${quantity}`);
  const unit = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, K: 1e3, M: 1e6, G: 1e9 }[match[2] as 'Ki'] ?? 1;
  return Number(match[1]) * unit;
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) => !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

describe('deploy/k8s (kubectl kustomize overlays/production)', () => {
  let rendered: K8sObject[];
  let secrets: K8sObject[];
  const find = (kind: string, name: string) => rendered.find((object) => object.kind === kind && object.metadata.name === name);
  const deploymentOf = (name: string) => {
    const deployment = find('Deployment', name);
    if (!deployment) throw new Error(`no Deployment ${name}`);
    return { deployment, pod: deployment.spec!.template!, container: deployment.spec!.template!.spec.containers[0]! };
  };

  beforeAll(() => {
    rendered = kustomize('deploy/k8s/overlays/production');
    secrets = kustomize('deploy/k8s/secrets');
  });

  it('renders one Deployment per subgraph, the router and the storefront, all in one namespace', () => {
    expect(rendered.filter((object) => object.kind === 'Deployment').map((object) => object.metadata.name).sort()).toEqual([...services.map(({ name }) => name), 'web'].sort());
    const namespaces = new Set([...rendered, ...secrets].filter((object) => object.kind !== 'Namespace').map((object) => object.metadata.namespace));
    expect([...namespaces]).toEqual(['bookstore']);
  });

  it('runs every Deployment with 2+ replicas, probes on /health and /ready, the restricted security settings and bounded memory', () => {
    for (const { name, port, metricsPort, kind } of services) {
      const { deployment, pod, container } = deploymentOf(name);
      const portOf = (value: string | number | undefined) => (typeof value === 'number' ? value : container.ports?.find((p) => p.name === value)?.containerPort);
      expect(deployment.spec!.replicas, `${name} replicas`).toBeGreaterThanOrEqual(2);
      expect(matches(deployment.spec!.selector?.matchLabels, pod.metadata.labels), `${name} selector`).toBe(true);
      expect(container.ports?.map((p) => p.containerPort), `${name} container ports`).toEqual([port, metricsPort]);
      expect(container.livenessProbe?.httpGet?.path, `${name} liveness`).toBe('/health');
      expect(portOf(container.livenessProbe?.httpGet?.port), `${name} liveness port`).toBe(port);
      expect(container.readinessProbe?.httpGet?.path, `${name} readiness`).toBe('/ready');
      expect(portOf(container.readinessProbe?.httpGet?.port), `${name} readiness port`).toBe(port);
      expect(pod.spec.securityContext, `${name} pod securityContext`).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
      expect(container.securityContext, `${name} container securityContext`).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      expect(container.securityContext?.capabilities?.drop, `${name} capabilities`).toContain('ALL');
      const request = bytes(container.resources?.requests?.memory);
      const limit = bytes(container.resources?.limits?.memory);
      expect(request, `${name} memory request`).toBeGreaterThanOrEqual(128 * 1024 ** 2);
      expect(limit, `${name} memory limit`).toBeGreaterThanOrEqual(request);
      expect(limit, `${name} memory limit`).toBeLessThanOrEqual((kind === 'router' ? 512 : 256) * 1024 ** 2);
      expect(container.resources?.requests?.cpu, `${name} cpu request (the HPA needs one)`).toBeDefined();
      // Scraped on the metrics port, which no Service exposes; the probes stay on the public port.
      expect(pod.metadata.annotations, `${name} prometheus annotations`).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(metricsPort), 'prometheus.io/path': '/metrics' });
    }
  });

  it('gives every Deployment a Service on its port, a CPU HorizontalPodAutoscaler and a PodDisruptionBudget', () => {
    for (const { name, port } of services) {
      const { pod, container } = deploymentOf(name);
      const service = find('Service', name);
      expect(service, `Service ${name}`).toBeDefined();
      expect(matches(service!.spec!.selector as unknown as Record<string, string>, pod.metadata.labels), `Service ${name} selects its pods`).toBe(true);
      const servicePort = service!.spec!.ports?.[0];
      expect(service!.spec!.ports?.map((p) => p.port), `Service ${name} ports (never the metrics port)`).toEqual([port]);
      const target = servicePort?.targetPort;
      expect(typeof target === 'number' ? target : container.ports?.find((p) => p.name === target)?.containerPort, `Service ${name} targetPort`).toBe(port);
      const hpa = find('HorizontalPodAutoscaler', name);
      expect(hpa?.apiVersion, `HPA ${name}`).toBe('autoscaling/v2');
      expect(hpa!.spec!.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa!.spec!.minReplicas, `HPA ${name} minReplicas`).toBeGreaterThanOrEqual(2);
      expect(hpa!.spec!.maxReplicas).toBeGreaterThanOrEqual(hpa!.spec!.minReplicas!);
      expect(hpa!.spec!.metrics?.map((metric) => metric.resource?.name)).toContain('cpu');
      const pdb = find('PodDisruptionBudget', name);
      expect(pdb?.apiVersion, `PDB ${name}`).toBe('policy/v1');
      expect(matches(pdb!.spec!.selector?.matchLabels, pod.metadata.labels), `PDB ${name} selects its pods`).toBe(true);
    }
  });

  it('runs the storefront as its own Deployment: non-root, read-only, probed, with a Service, an HPA and a PDB, and no secrets', async () => {
    const { deployment, pod, container } = deploymentOf('web');
    expect(deployment.spec!.replicas).toBeGreaterThanOrEqual(2);
    expect(container.image).toMatch(/\/bookstore\/web:/);
    expect(container.ports?.map((p) => p.containerPort)).toEqual([WEB_PORT]);
    expect(container.livenessProbe?.httpGet?.path).toBe('/health');
    expect(container.readinessProbe?.httpGet?.path).toBe('/ready');
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(container.securityContext?.capabilities?.drop).toContain('ALL');
    expect(bytes(container.resources?.limits?.memory)).toBeLessThanOrEqual(256 * 1024 ** 2);
    expect(container.resources?.requests?.cpu).toBeDefined();
    expect(container.envFrom?.some((source) => source.secretRef)).toBe(false);
    expect((await loadWebConfig())(environmentOf('web'))).toMatchObject({ HOST: '0.0.0.0', PORT: WEB_PORT });
    expect(find('Service', 'web')!.spec!.ports?.map((p) => p.port)).toEqual([WEB_PORT]);
    expect(find('HorizontalPodAutoscaler', 'web')!.spec!.minReplicas).toBeGreaterThanOrEqual(2);
    expect(matches(find('PodDisruptionBudget', 'web')!.spec!.selector?.matchLabels, pod.metadata.labels)).toBe(true);
  });

  it('routes /graphql through an nginx Ingress to the router, with WebSocket-friendly timeouts, and every other path to the storefront', () => {
    const ingress = rendered.find((object) => object.kind === 'Ingress');
    const site = ingress?.spec?.rules?.[0]?.http.paths.find((p) => p.path === '/');
    expect(site?.backend.service.name).toBe('web');
    const path = ingress?.spec?.rules?.[0]?.http.paths.find((p) => p.path === '/graphql');
    expect(path?.backend.service.name).toBe('router');
    const routerService = find('Service', 'router')!.spec!.ports![0]!;
    expect([routerService.name, routerService.port]).toContain(path?.backend.service.port.name ?? path?.backend.service.port.number);
    const annotations = ingress!.metadata.annotations ?? {};
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(600);
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-send-timeout'])).toBeGreaterThanOrEqual(600);
    expect(annotations['nginx.ingress.kubernetes.io/proxy-http-version']).toBe('1.1');
  });

  /** A container's environment from its ConfigMaps and Secrets (the Secrets template), as the kubelet builds it. */
  function environmentOf(name: string): Record<string, string> {
    const { container } = deploymentOf(name);
    const env: Record<string, string> = {};
    for (const source of container.envFrom ?? []) {
      const ref = source.configMapRef ?? source.secretRef;
      const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
      const object = (kind === 'ConfigMap' ? rendered : secrets).find((o) => o.kind === kind && o.metadata.name === ref?.name);
      if (!object) throw new Error(`${name}: envFrom names ${kind} ${ref?.name}, which deploy/k8s does not define`);
      Object.assign(env, object.data ?? {}, object.stringData ?? {});
    }
    for (const { name: key, value } of container.env ?? []) if (value !== undefined) env[key] = value;
    return env;
  }

  it("gives every process what its config requires from ConfigMaps and Secrets, as its own loadConfig parses it", async () => {
    const values: Record<string, string> = {
      ...testSecrets,
      DATABASE_URL: 'postgres://bookstore:secret@postgres.internal:5432/bookstore?sslmode=require',
      REDIS_URL: 'rediss://:secret@redis.internal:6380',
    };
    for (const service of services) {
      const env = environmentOf(service.name);
      for (const [key, value] of Object.entries(env)) {
        if (value !== 'REPLACE_ME') continue;
        if (!(key in values)) throw new Error(`${service.name}: no test value for the placeholder ${key}`);
        env[key] = values[key]!;
      }
      expectDeployable(service, env, await loadConfigOf(service.name));
      if (service.name === 'router') expect(env['ROUTER_WORKERS'], 'router: one worker per pod').toBe('1');
    }
  });

  it('keeps the Secrets a template whose placeholders stop every process at start, naming the variable', async () => {
    for (const service of services) {
      const env = environmentOf(service.name);
      const placeholders = Object.keys(env).filter((key) => env[key] === 'REPLACE_ME');
      expect(placeholders, service.name).toContain('SUBGRAPH_SECRET');
      let error: unknown;
      try {
        (await loadConfigOf(service.name))(env);
      } catch (caught) {
        error = caught;
      }
      expect(error, service.name).toBeInstanceOf(ConfigError);
      // JWT_PRIVATE_KEY is checked when the key is loaded, not by the config schema.
      for (const key of placeholders.filter((k) => k !== 'JWT_PRIVATE_KEY')) expect((error as ConfigError).problems.join('\n'), `${service.name}: ${key}`).toContain(`${key}:`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The bundles, run the way the image runs them
// ---------------------------------------------------------------------------------------------

describe('npm run build bundles, run as in the image', () => {
  let outDir: string;
  let built: BuiltProcess[];
  let database: TestDatabase;
  const prefix = `deploy-e2e-${randomBytes(4).toString('hex')}`;
  const running: ChildService[] = [];
  const urls: Record<string, string> = {};
  const metricsUrls: Record<string, string> = {};

  /**
   * The image's runtime stage: dist/<name> and only the node_modules folders listed in
   * runtime-packages.txt. Symlinked (with --preserve-symlinks, so a package's own imports resolve
   * inside this tree, not the repository's) rather than copied.
   */
  async function stage(bundle: BuiltProcess): Promise<void> {
    const listed = (await readFile(join(bundle.outDir, 'runtime-packages.txt'), 'utf8')).split('\n').filter(Boolean);
    for (const path of listed) {
      await mkdir(dirname(join(bundle.outDir, path)), { recursive: true });
      await symlink(join(root, path), join(bundle.outDir, path), 'dir');
    }
  }

  async function start(name: string, env: Record<string, string>): Promise<string> {
    const bundle = built.find((p) => p.name === name)!;
    await stage(bundle);
    const child = startChild(process.execPath, ['--preserve-symlinks', 'main.mjs'], {
      cwd: bundle.outDir,
      env: { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'info', SUBGRAPH_SECRET: testSecrets.SUBGRAPH_SECRET, QUEUE_PREFIX: prefix, DATA_DIR: join(outDir, 'data'), ...env },
    });
    running.push(child);
    const [, url] = await child.waitFor(new RegExp(`"url":"(http://127\\.0\\.0\\.1:\\d+)".*${name === 'router' ? 'router' : `${name} subgraph`} listening`), 60_000);
    const [, metricsUrl] = await child.waitFor(new RegExp(`"url":"(http://127\\.0\\.0\\.1:\\d+)/metrics".*${name === 'router' ? 'router' : `${name} subgraph`} metrics listening`), 60_000);
    metricsUrls[name] = metricsUrl!;
    return (urls[name] = url!);
  }

  beforeAll(async () => {
    // No node_modules above the temporary folder, or the isolation would be an illusion.
    outDir = await mkdtemp(join(tmpdir(), 'bookstore-dist-'));
    for (let dir = dirname(outDir); dir !== dirname(dir); dir = dirname(dir)) expect(existsSync(join(dir, 'node_modules')), `${dir}/node_modules`).toBe(false);
    built = await buildProcesses({ outDir });
    database = await createTestDatabase('deploy');
    const datastores = { DATABASE_URL: database.url, REDIS_URL: testConfig.redisUrl };
    const users = await start('users', { ...datastores, JWT_PRIVATE_KEY: testSecrets.JWT_PRIVATE_KEY });
    const jwks = { JWKS_URL: `${users}/.well-known/jwks.json` };
    await start('catalog', { ...datastores, ...jwks });
    // The other subgraphs are not needed by the operations below; the router serves the full supergraph.
    const subgraphUrls = subgraphs.map(({ name }) => `${name}=${(urls[name] ?? 'http://127.0.0.1:9') + '/graphql'}`).join(',');
    await start('router', { ...jwks, SUBGRAPH_URLS: subgraphUrls, ROUTER_WORKERS: '1' });
  });

  afterAll(async () => {
    await Promise.all(running.map((child) => child.stop()));
    await database?.drop();
    await deleteRedisKeys(testConfig.redisUrl, prefix);
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('builds every process with its files beside it and a dev-free package list', () => {
    expect(built.map((p) => p.name).sort()).toEqual(['embedded', 'migrate', 'router', 'web', ...subgraphs.map((s) => s.name)].sort());
    for (const bundle of built) {
      for (const asset of bundle.assets) expect(existsSync(join(bundle.outDir, asset)), `${bundle.name}: ${asset}`).toBe(true);
      if (bundle.name !== 'web') expect(bundle.runtimePackages.length, bundle.name).toBeGreaterThan(10);
      expect(bundle.runtimePackages.every((path) => path.startsWith('node_modules/')), bundle.name).toBe(true);
    }
    const router = built.find((p) => p.name === 'router')!;
    expect(router.assets).toEqual(['supergraph.graphql']);
    // The router imports the server core only: no database, job queue or ORM reaches its image.
    for (const name of ['@electric-sql/pglite', 'drizzle-orm', 'bullmq', 'postgres']) {
      expect([...router.runtimePackages, ...router.bundledPackages].filter((path) => path.endsWith(`node_modules/${name}`)), `router: ${name}`).toEqual([]);
    }
    for (const { name } of subgraphs) {
      const bundle = built.find((p) => p.name === name)!;
      expect(bundle.assets, name).toEqual([`subgraphs/${name}/src/db/migrations`, `subgraphs/${name}/src/schema.graphql`]);
      expect(bundle.defaultPort, name).toBe(subgraphs.find((s) => s.name === name)!.port);
    }
    // The storefront's server is small: its files, the static-site handler, a proxy and a config parser.
    const web = built.find((p) => p.name === 'web')!;
    expect(web.assets).toEqual(['web/dist']);
    expect(web.defaultPort).toBe(WEB_PORT);
    expect(web.runtimePackages).toEqual(['node_modules/httpxy', 'node_modules/zod']);
    expect(built.find((p) => p.name === 'embedded')!.assets).toContain('web/dist');
    const migrate = built.find((p) => p.name === 'migrate')!;
    expect(migrate.assets).toEqual(subgraphs.map(({ name }) => `migrations/${name}`).sort());
    expect(migrate.defaultPort).toBeUndefined();
    // The build tooling never reaches a production image.
    for (const bundle of built) for (const tool of ['esbuild', 'tsx', 'vitest', 'typescript']) expect(bundle.runtimePackages, `${bundle.name}: ${tool}`).not.toContain(`node_modules/${tool}`);
  });

  it('answers /health and /ready on every process, and the image health check passes', async () => {
    for (const [name, url] of Object.entries(urls)) {
      expect((await fetch(`${url}/health`)).status, `${name} /health`).toBe(200);
      expect((await fetch(`${url}/ready`)).status, `${name} /ready`).toBe(200);
    }
    const router = built.find((p) => p.name === 'router')!;
    const check = spawnSync(process.execPath, ['healthcheck.mjs'], { cwd: router.outDir, env: { ...process.env, PORT: new URL(urls['router']!).port } });
    expect(check.status).toBe(0);
    const closed = spawnSync(process.execPath, ['healthcheck.mjs'], { cwd: router.outDir, env: { ...process.env, PORT: '9' } });
    expect(closed.status).toBe(1);
  });

  it('serves /metrics on the metrics port of every process, and never on the public one', async () => {
    for (const [name, url] of Object.entries(urls)) {
      expect((await fetch(`${url}/metrics`)).status, `${name} public /metrics`).toBe(404);
      const scrape = await fetch(`${metricsUrls[name]}/metrics`);
      expect(scrape.status, `${name} metrics port`).toBe(200);
      expect(await scrape.text(), name).toContain(`process_resident_memory_bytes{service="${name}"}`);
    }
  });

  it('serves the storefront from the web bundle as its image does: the app, with its cache headers, and /health', async () => {
    const web = built.find((p) => p.name === 'web')!;
    await stage(web);
    const child = startChild(process.execPath, ['--preserve-symlinks', 'main.mjs'], { cwd: web.outDir, env: { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0' } });
    running.push(child);
    const [, url] = await child.waitFor(/"url":"(http:\/\/127\.0\.0\.1:\d+)".*web listening/, 30_000);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const index = await fetch(`${url}/books/some-book`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
    expect((await fetch(`${url}${script}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const check = spawnSync(process.execPath, ['healthcheck.mjs'], { cwd: web.outDir, env: { ...process.env, PORT: new URL(url!).port } });
    expect(check.status).toBe(0);
  });

  it('runs the migrate command as its image does: every subgraph schema, from the migrations beside the bundle', async () => {
    const migrate = built.find((p) => p.name === 'migrate')!;
    await stage(migrate);
    const run = spawnSync(process.execPath, ['--preserve-symlinks', 'main.mjs'], { cwd: migrate.outDir, env: { ...process.env, DATABASE_URL: database.url }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    for (const { name } of subgraphs) expect(run.stdout, name).toMatch(new RegExp(`^${name}: (\\d+) of \\1 migrations applied$`, 'm'));
  });

  it('serves GraphQL through the router: the catalog from its migrated schema, and a user signed up and verified by JWKS', async () => {
    const graphql = async (query: string, token?: string) => {
      const response = await fetch(`${urls['router']}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }) });
      return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    };
    expect(await graphql('{ books(first: 1) { totalCount } }')).toEqual({ data: { books: { totalCount: 0 } } });
    const username = `deploy_${randomBytes(3).toString('hex')}`;
    const registered = await graphql(`mutation { register(input: { email: "${username}@example.com", username: "${username}", password: "a long unusual passphrase 42" }) { accessToken } }`);
    expect(registered.errors).toBeUndefined();
    const token = (registered.data?.['register'] as { accessToken: string }).accessToken;
    expect(await graphql('{ me { username } }', token)).toEqual({ data: { me: { username } } });
  });
});

describe("npm start's bundle (scripts/build.ts --for-checkout)", () => {
  it('holds the bundle and the files it reads, but neither the storefront (the running process builds and serves the checkout web/dist) nor the image files', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'bookstore-checkout-dist-'));
    try {
      const [embedded] = await buildProcesses({ outDir, only: ['embedded'], forCheckout: true });
      expect(existsSync(join(embedded!.outDir, 'main.cjs'))).toBe(true);
      expect(embedded!.assets).toContain('web/dist');
      for (const asset of embedded!.assets.filter((path) => path !== 'web/dist')) expect(existsSync(join(embedded!.outDir, asset)), asset).toBe(true);
      expect(existsSync(join(embedded!.outDir, 'web', 'dist'))).toBe(false);
      for (const imageFile of ['healthcheck.mjs', 'runtime-packages.txt']) expect(existsSync(join(embedded!.outDir, imageFile)), imageFile).toBe(false);
      expect(embedded!.defaultPort).toBeUndefined();
      expect(embedded!.runtimePackages).toEqual([]);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
