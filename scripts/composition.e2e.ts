import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { composeFromConfig } from './composition.js';

const composerVersion = (createRequire(import.meta.url)('@apollo/composition/package.json') as { version: string }).version;

describe('supergraph composition', () => {
  it('composes without errors and the committed supergraph.graphql is up to date', async () => {
    const result = await composeFromConfig('supergraph.yaml', composerVersion);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(await readFile('supergraph.graphql', 'utf8')).toBe(result.supergraphSdl);
  });

  it('reports a composition error instead of writing a broken supergraph', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'compose-'));
    const sdl = (type: string) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype Query { a: ${type} }`;
    await writeFile(join(dir, 'a.graphql'), sdl('Int'));
    await writeFile(join(dir, 'b.graphql'), sdl('String'));
    await writeFile(
      join(dir, 'supergraph.yaml'),
      `federation_version: =${composerVersion}\nsubgraphs:\n  a: { routing_url: http://a/graphql, schema: { file: ./a.graphql } }\n  b: { routing_url: http://b/graphql, schema: { file: ./b.graphql } }\n`,
    );
    const result = await composeFromConfig(join(dir, 'supergraph.yaml'), composerVersion);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/Query\.a/);
  });
});
