import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';

interface SupergraphConfig {
  federation_version: string;
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

export type CompositionResult = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Composes the subgraphs listed in a Rover-format supergraph.yaml, as `rover supergraph compose` would. */
export async function composeFromConfig(configPath: string, composerVersion: string): Promise<CompositionResult> {
  const config = parseYaml(await readFile(configPath, 'utf8')) as SupergraphConfig;
  const pinned = String(config.federation_version).replace(/^=/, '');
  if (pinned !== composerVersion) {
    return { ok: false, errors: [`supergraph.yaml pins federation_version ${config.federation_version}, but @apollo/composition ${composerVersion} is installed`] };
  }
  const base = dirname(resolve(configPath));
  const services = await Promise.all(
    Object.entries(config.subgraphs).map(async ([name, subgraph]) => ({
      name,
      url: subgraph.routing_url,
      typeDefs: parse(await readFile(resolve(base, subgraph.schema.file), 'utf8')),
    })),
  );
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((error) => error.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl };
}
