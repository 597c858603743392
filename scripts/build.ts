// `npm run build`: one ESM bundle per process (the router, each subgraph, embedded mode) in
// dist/<name>/, with every file it reads at run time beside it, the list of node_modules
// packages it needs (the image copies only those) and the image's health check. (`npm start`'s
// bundle, `--for-checkout`, is CommonJS and has neither: see BuildSettings.forCheckout.)
//
//   npm run build                   every process
//   npm run build -- router users   only these
//
// What is bundled: our own code (the entry and every @bookstore/* workspace package it imports),
// and the nested copies of packages a workspace uses in another version than the root's (see
// npmPackages). What is not: every other npm package, which node_modules provides at run time.
// Bundling those too would save the copy but break packages that find their own files on disk
// (PGlite's wasm, argon2's native addon) and load graphql twice (its single-realm check fails).
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import type * as WebSite from '../web/site.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** A process that gets its own bundle (and image): `dist/<name>/main.mjs` (a checkout's: `main.cjs`, see bundleFile) from `<dir>/src/main.ts`. */
export interface ProcessEntry {
  name: string;
  /** The workspace folder, relative to the repository root, e.g. "subgraphs/users". */
  dir: string;
  /** The entry point when it is not `<dir>/src/main.ts`, relative to the repository root. */
  entry?: string;
  /**
   * For a one-shot command (no server, no PORT): files it reads, copied to the given paths beside
   * the bundle, where it looks for them itself, so its own import.meta.url uses are left as written.
   */
  command?: { copies: Record<string, string> };
  /** The module whose `loadConfig({})` gives the default PORT, relative to the repository root; default `<dir>/src/config.ts`. */
  config?: string;
}

export interface BuiltProcess extends ProcessEntry {
  outDir: string;
  /** Repository-relative paths of the files and folders copied beside the bundle. */
  assets: string[];
  /** npm packages the bundle imports (resolved from node_modules at run time). */
  externals: string[];
  /** Nested copies of packages (a workspace's own node_modules) bundled in, since the root holds another version. */
  bundledPackages: string[];
  /** Repository-relative node_modules folders the process needs at run time: its externals and their dependencies (none listed `forCheckout`). */
  runtimePackages: string[];
  /** The port the process listens on when PORT is unset (its config's default); none for a command or `forCheckout`. */
  defaultPort: number | undefined;
}

export interface BuildSettings {
  /** Default: the repository root. */
  root?: string;
  /** Default: `<root>/dist`. Emptied first when every process is built. */
  outDir?: string;
  /** Build only these processes (by name); default all. */
  only?: string[];
  /**
   * A bundle for `npm start` in this checkout (scripts/start.mjs), not for an image: CommonJS
   * (bundleFile), and without the image's files, runtime-packages.txt and healthcheck.mjs, whose
   * default port comes from loading the process's config and every module it imports through tsx
   * (about 2 s of CPU for embedded mode, three times esbuild's own time). Default false.
   */
  forCheckout?: boolean;
}

/**
 * The bundle's file name. A checkout's is CommonJS: Node then loads the packages it imports with
 * require(), skipping what an ES module's imports cost (cjs-module-lexer scanning every CommonJS
 * package for its export names, the ESM resolver and loader per file), 0.25-0.3 s of a restart's
 * 0.8-1.1 s of loading modules on this machine (README, Performance). An image's stays an ES module.
 */
export function bundleFile(forCheckout: boolean): string {
  return forCheckout ? 'main.cjs' : 'main.mjs';
}

/** What a CommonJS bundle's `import.meta.url` becomes (esbuild leaves import.meta empty there). */
const IMPORT_META_URL = '__bookstoreImportMetaUrl';

/** The router, every folder under subgraphs/, and embedded mode. */
export async function listProcesses(root = repoRoot): Promise<ProcessEntry[]> {
  const subgraphs = (await readdir(join(root, 'subgraphs'), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const processes: ProcessEntry[] = [{ name: 'router', dir: 'router' }, ...subgraphs.map((name) => ({ name, dir: `subgraphs/${name}` })), { name: 'embedded', dir: 'embedded' }];
  // The storefront's static server (services mode); it and embedded mode carry web/dist beside them.
  if (existsSync(join(root, 'web', 'server', 'main.ts'))) processes.push({ name: 'web', dir: 'web', entry: 'web/server/main.ts', config: 'web/server/config.ts' });
  // `npm run migrate` as a deploy step (scripts/migrate.ts finds its migrations in ./migrations/<subgraph>).
  if (existsSync(join(root, 'scripts', 'migrate.ts'))) {
    const copies = Object.fromEntries(subgraphs.map((name) => [`subgraphs/${name}/src/db/migrations`, `migrations/${name}`]));
    processes.push({ name: 'migrate', dir: 'scripts', entry: 'scripts/migrate.ts', command: { copies } });
  }
  return processes;
}

export async function buildProcesses(settings: BuildSettings = {}): Promise<BuiltProcess[]> {
  const root = settings.root ?? repoRoot;
  const outDir = settings.outDir ?? join(root, 'dist');
  const all = await listProcesses(root);
  const unknown = (settings.only ?? []).filter((name) => !all.some((entry) => entry.name === name));
  if (unknown.length > 0) throw new Error(`Unknown process ${unknown.join(', ')}; known: ${all.map((entry) => entry.name).join(', ')}`);
  const selected = settings.only?.length ? all.filter((entry) => settings.only!.includes(entry.name)) : all;
  if (selected.length === all.length) await rm(outDir, { recursive: true, force: true });
  const lockfile = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as Lockfile;
  // The storefront's files are copied beside the web and embedded bundles. Vite builds them while
  // esbuild bundles; each bundle's copy waits for it. Not for a checkout's bundle: embedded mode
  // there builds and serves the checkout's web/dist itself, while it starts (embedded/src/storefront.ts).
  const site: SiteBuild = { built: Promise.resolve() };
  if (selected.some((entry) => entry.name === 'web' || entry.name === 'embedded') && existsSync(join(root, 'web', 'site.js'))) {
    site.dir = join(root, 'web', 'dist');
    if (settings.forCheckout) site.notCopied = true;
    else {
      site.built = import(pathToFileURL(join(root, 'web', 'site.js')).href).then(({ ensureSiteBuilt }: typeof WebSite) => ensureSiteBuilt());
      // Awaited below; a bundle failing first must not leave it unhandled.
      site.built.catch(() => undefined);
    }
  }
  const built: BuiltProcess[] = [];
  for (const entry of selected) built.push(await buildProcess(root, entry, join(outDir, entry.name), lockfile, site, settings.forCheckout ?? false));
  await site.built;
  return built;
}

/** The storefront's build (web/dist), under way while the bundles are made. */
interface SiteBuild {
  /** web/dist when it is being built: a bundle may point at it before it exists. */
  dir?: string;
  built: Promise<unknown>;
  /** A checkout's bundle: web/dist is neither built nor copied beside it. */
  notCopied?: boolean;
}

async function buildProcess(root: string, entry: ProcessEntry, outDir: string, lockfile: Lockfile, site: SiteBuild, forCheckout: boolean): Promise<BuiltProcess> {
  const entryPoint = join(root, entry.entry ?? join(entry.dir, 'src', 'main.ts'));
  if (!existsSync(entryPoint)) throw new Error(`${entry.name}: no entry point at ${relative(root, entryPoint)}`);
  await rm(outDir, { recursive: true, force: true });
  const assets = new Map<string, string>(); // repository-relative path -> absolute path
  const externals = new Set<string>();
  const bundled = new Set<string>();
  const outfile = join(outDir, bundleFile(forCheckout));
  const options: BuildOptions = {
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: forCheckout ? 'cjs' : 'esm',
    // Our code finds its files with `new URL(..., import.meta.url)` (filesBesideTheBundle).
    ...(forCheckout ? { define: { 'import.meta.url': IMPORT_META_URL } } : {}),
    // Readable stack traces in production logs beat a few hundred kB saved.
    minify: false,
    // Licence headers of bundled packages stay, at the end of the file.
    legalComments: 'eof',
    logLevel: 'warning',
    metafile: true,
    plugins: [npmPackages(root, lockfile, externals, bundled), filesBesideTheBundle(root, assets, entry.command ? [entryPoint] : [], site.dir)],
  };
  // Kept in memory (write: false) so one pass both makes the bundle and shows whether it needs
  // the lines below (a second esbuild pass with them as its banner cost about 0.15 s).
  const result = await build({ ...options, write: false });
  const text = result.outputFiles[0]!.text;
  // Bundled CommonJS (the nested OpenTelemetry copies) calls require() for Node's built-ins; in an
  // ES module esbuild makes that a shim that throws, unless a real require exists. Added only
  // when the shim is there (a CommonJS bundle has a real one).
  const needsRequire = !forCheckout && text.includes('Dynamic require of "');
  await mkdir(outDir, { recursive: true });
  let bundle = needsRequire ? `import { createRequire as __bookstoreCreateRequire } from 'node:module';\nconst require = __bookstoreCreateRequire(import.meta.url);\n${text}` : text;
  // After the "use strict" directive, which counts only as the first statement (not esbuild's banner).
  if (forCheckout) bundle = bundle.replace(/^("use strict";\n)?/, (directive) => `${directive}const ${IMPORT_META_URL} = require('node:url').pathToFileURL(__filename).href;\n`);
  await writeFile(outfile, bundle);
  for (const [from, to] of Object.entries(entry.command?.copies ?? {})) assets.set(to, join(root, from));
  await site.built;
  for (const [path, absolute] of assets) if (!(site.notCopied && absolute === site.dir)) await cp(absolute, join(outDir, path), { recursive: true });
  const runtimePackages = forCheckout ? [] : runtimePackagesOf(root, [...externals], lockfile, entry.name);
  const defaultPort = entry.command || forCheckout ? undefined : await defaultPortOf(root, entry);
  if (!forCheckout) {
    await writeFile(join(outDir, 'runtime-packages.txt'), `${runtimePackages.join('\n')}\n`);
    await writeFile(join(outDir, 'healthcheck.mjs'), healthcheckScript(defaultPort));
  }
  // Resolved is not included: tree shaking drops what the process never uses.
  const output = Object.values(result.metafile?.outputs ?? {})[0];
  const inputs = Object.entries(output?.inputs ?? {}).flatMap(([input, { bytesInOutput }]) => (bytesInOutput > 0 ? [relative(root, resolve(input)).split(sep).join('/')] : []));
  const bundledPackages = [...bundled].filter((dir) => inputs.some((input) => input.startsWith(`${dir}/`))).sort();
  return { ...entry, outDir, assets: [...assets.keys()].sort(), externals: [...externals].sort(), bundledPackages, runtimePackages, defaultPort };
}

/**
 * Leaves npm packages to node_modules, bundling only our workspaces (@bookstore/*), relative
 * imports, and the nested copies npm could not hoist. At run time a bundle resolves packages from
 * its own folder upwards, that is from the root node_modules. A package that resolves there from
 * the importing file too stays external. One that resolves to a nested copy (a workspace's own
 * node_modules, e.g. packages/server-core/node_modules/@opentelemetry/core 2.x beside the gateway's 1.x
 * at the root) would silently become the root's version at run time, so that copy is bundled:
 * the bundle runs the same versions as the sources do under tsx.
 */
function npmPackages(root: string, lockfile: Lockfile, externals: Set<string>, bundled: Set<string>): Plugin {
  const builtins = new Set(builtinModules);
  return {
    name: 'npm-packages',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:') || builtins.has(args.path)) return { path: args.path, external: true };
        if (args.path.startsWith('@bookstore/')) return undefined;
        const name = packageNameOf(args.path);
        const found = findPackageDir(root, args.resolveDir, name);
        if (!found) return { errors: [{ text: `${name} (imported by ${relative(root, args.importer)}) is not installed; run npm ci.` }] };
        const problem = lockfileProblem(root, lockfile, found);
        if (problem) return { errors: [{ text: `${problem} (imported by ${relative(root, args.importer)})` }] };
        if (found === join(root, 'node_modules', name)) {
          externals.add(name);
          return { path: args.path, external: true };
        }
        bundled.add(relative(root, found).split(sep).join('/'));
        return undefined;
      });
    },
  };
}

/** `new URL('<relative path>', import.meta.url)`, the way our code finds its schema, migrations and supergraph. */
const fileUrlPattern = /new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * Files our code reads at run time are located relative to the module that reads them. In a
 * bundle every module's `import.meta.url` is the bundle's, so each such URL is rewritten to the
 * file's repository-relative path under the bundle's folder, and the file is copied there:
 * subgraphs/users/src/subgraph.ts's `./db/migrations` becomes
 * dist/users/subgraphs/users/src/db/migrations, the router's `../../supergraph.graphql`
 * dist/router/supergraph.graphql. Mirroring the repository keeps the seven subgraphs' files
 * apart in the embedded bundle. Any other use of `import.meta.url` fails the build: the bundle
 * cannot tell what it meant.
 */
function filesBesideTheBundle(root: string, assets: Map<string, string>, leaveAsWritten: string[], beingBuilt: string | undefined): Plugin {
  return {
    name: 'files-beside-the-bundle',
    setup(esbuild) {
      esbuild.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
        if (args.path.split(sep).includes('node_modules') || leaveAsWritten.includes(args.path)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const problems: string[] = [];
        const contents = source.replace(fileUrlPattern, (match, _quote: string, target: string) => {
          const absolute = resolve(dirname(args.path), target);
          const path = relative(root, absolute).split(sep).join('/');
          if (path.startsWith('..') || !(existsSync(absolute) || absolute === beingBuilt)) {
            problems.push(`${match} points at ${absolute}, which ${path.startsWith('..') ? 'is outside the repository' : 'does not exist'}`);
            return match;
          }
          assets.set(path, absolute);
          return `new URL(${JSON.stringify(`./${path}${target.endsWith('/') ? '/' : ''}`)}, import.meta.url)`;
        });
        const strays = contents.split('\n').flatMap((line, index) => (line.includes('import.meta.url') && !/new URL\(\s*"\.\/[^"]+",\s*import\.meta\.url\s*\)/.test(line) ? [`line ${index + 1}: ${line.trim()}`] : []));
        problems.push(...strays.map((stray) => `${stray} uses import.meta.url in a way the bundle cannot keep (only new URL('<literal path>', import.meta.url) is rewritten)`));
        if (problems.length > 0) return { errors: problems.map((text) => ({ text: `${relative(root, args.path)}: ${text}` })) };
        return { contents, loader: 'ts' };
      });
    },
  };
}

interface LockfileEntry {
  dev?: boolean;
  link?: boolean;
}
interface Lockfile {
  packages: Record<string, LockfileEntry>;
}

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * The node_modules folders a bundle needs: its externals and, transitively, their dependencies,
 * found the way Node finds them (nearest node_modules upwards). Optional dependencies that are
 * not installed (other platforms' native binaries) are skipped; a dev-only package is an error,
 * since `npm ci --omit=dev` would not install it. Nested folders are left out when an ancestor is
 * listed (copying the ancestor copies them), so the list can be fed to `tar -T` as it is.
 */
function runtimePackagesOf(root: string, externals: string[], lockfile: Lockfile, processName: string): string[] {
  const needed = new Set<string>();
  const queue = externals.map((name) => ({ dir: join(root, 'node_modules', name), from: processName, optional: false }));
  while (queue.length > 0) {
    const { dir, from, optional } = queue.shift()!;
    if (!existsSync(join(dir, 'package.json'))) {
      if (optional) continue;
      throw new Error(`${processName}: ${relative(root, dir)} (needed by ${from}) is not installed; run npm ci.`);
    }
    const key = relative(root, dir).split(sep).join('/');
    if (needed.has(key)) continue;
    const problem = lockfileProblem(root, lockfile, dir);
    if (problem) throw new Error(`${processName}: ${problem} (needed by ${from})`);
    needed.add(key);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
    const optionalNames = new Set([...Object.keys(manifest.optionalDependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
    const names = new Set([...Object.keys(manifest.dependencies ?? {}), ...optionalNames]);
    for (const name of names) {
      const found = findPackageDir(root, dir, name);
      queue.push({ dir: found ?? join(dir, 'node_modules', name), from: key, optional: optionalNames.has(name) });
    }
  }
  const sorted = [...needed].sort();
  return sorted.filter((path) => !sorted.some((other) => other !== path && path.startsWith(`${other}/node_modules/`)));
}

/** Why a package folder cannot be in a production image, if it cannot. */
function lockfileProblem(root: string, lockfile: Lockfile, dir: string): string | undefined {
  const key = relative(root, dir).split(sep).join('/');
  const locked = lockfile.packages[key];
  if (!locked) return `${key} is not in package-lock.json; run npm install and commit the lockfile`;
  if (locked.dev) return `${key} is a dev dependency, which npm ci --omit=dev leaves out; move it to "dependencies"`;
  return undefined;
}

/** Node's lookup: `<dir>/node_modules/<name>`, then each parent's, up to the repository root. */
function findPackageDir(root: string, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || !dir.startsWith(root) || dirname(dir) === dir) return undefined;
  }
}

function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** What the process listens on without PORT: its own config's default, so the two cannot drift. */
async function defaultPortOf(root: string, entry: ProcessEntry): Promise<number> {
  const config = entry.config ?? join(entry.dir, 'src', 'config.ts');
  const module = (await import(pathToFileURL(join(root, config)).href)) as { loadConfig?: (env: Record<string, string>) => { PORT?: unknown } };
  const port = module.loadConfig?.({}).PORT;
  if (typeof port !== 'number') throw new Error(`${entry.name}: loadConfig({}) in ${config} has no numeric PORT default`);
  return port;
}

function healthcheckScript(defaultPort: number | undefined): string {
  if (defaultPort === undefined) return '// Written by scripts/build.ts: a one-shot command serves nothing, so there is nothing to check.\n';
  return `// Written by scripts/build.ts: the image's HEALTHCHECK. Exit 0 when GET /health answers 2xx within 2 s.
const port = process.env.PORT || '${defaultPort}';
try {
  const response = await fetch(\`http://127.0.0.1:\${port}/health\`, { signal: AbortSignal.timeout(2_000) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
`;
}

async function directorySize(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(path)) total += await directorySize(join(path, entry));
  return total;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  // `--for-checkout`: see BuildSettings.forCheckout; scripts/start.mjs reads no report either.
  const forCheckout = process.argv.includes('--for-checkout');
  const started = Date.now();
  const built = await buildProcesses({ only, forCheckout });
  if (forCheckout) {
    console.log(`Built ${built.map((process) => `dist/${process.name}/${bundleFile(true)}`).join(', ')} for this checkout in ${Date.now() - started} ms.`);
    return;
  }
  for (const process of built) {
    const bundle = (await stat(join(process.outDir, 'main.mjs'))).size;
    let modules = 0;
    for (const path of process.runtimePackages) modules += await directorySize(join(repoRoot, path));
    console.log(
      `${`dist/${process.name}/main.mjs`.padEnd(26)} ${(bundle / 1024).toFixed(0).padStart(5)} kB  ${String(process.assets.length).padStart(2)} assets  ${String(process.runtimePackages.length).padStart(3)} packages (${(modules / 1_048_576).toFixed(1)} MB)  ${process.defaultPort === undefined ? 'command' : `port ${process.defaultPort}`}` +
        (process.bundledPackages.length > 0 ? `  (+${process.bundledPackages.length} nested packages bundled)` : ''),
    );
  }
  console.log(`Built ${built.length} processes in ${Date.now() - started} ms.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
