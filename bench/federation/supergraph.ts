// Composes the benchmark subgraphs (at the URLs they listen on) with @apollo/composition, the
// composer our router is built against, and writes the supergraph to a temporary file that every
// gateway then loads.
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { atExit } from './children.js';
import { TYPE_DEFS, type SubgraphName } from './subgraphs.js';

export interface SupergraphFile {
  path: string;
  sdl: string;
  /** Deletes the file and its directory. */
  remove(): Promise<void>;
}

export async function writeSupergraph(urls: Partial<Record<SubgraphName, string>>): Promise<SupergraphFile> {
  const services = Object.entries(urls).map(([name, url]) => ({ name, url, typeDefs: parse(TYPE_DEFS[name as SubgraphName]) }));
  const result = composeServices(services);
  if (result.errors) throw new Error(`composition failed:\n  - ${result.errors.map((e) => e.message).join('\n  - ')}`);
  const dir = await mkdtemp(join(tmpdir(), 'bench-supergraph-'));
  const path = join(dir, 'supergraph.graphql');
  // Removed even if the benchmark is interrupted before it calls remove().
  const cancel = atExit(() => rmSync(dir, { recursive: true, force: true }));
  await writeFile(path, result.supergraphSdl);
  return {
    path,
    sdl: result.supergraphSdl,
    remove: async () => {
      cancel();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
