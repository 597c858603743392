// `npm run codegen -w @bookstore/web`: typed documents for every GraphQL operation and fragment
// under web/src, from the repository's supergraph.graphql (GraphQL Code Generator's client preset).
//
// The supergraph file carries federation's join directives and internal types; clients see the
// API schema the router serves. Federation's own code derives it from the file (the same
// derivation the router's planner does), so generation needs no running router and no network.
// `--check` writes nothing and fails when the committed files differ (web/test/operations.e2e.ts
// runs the same check in the test suite, so a schema change that a page no longer fits fails CI).
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import { generate } from '@graphql-codegen/cli';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { lexicographicSortSchema, printSchema } from 'graphql';

const webRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(webRoot, '..');
export const generatedDir = join(webRoot, 'src', 'gql');

/** The public API schema (what introspection of the router shows), as SDL. */
export async function apiSchemaSdl(supergraphPath = join(repoRoot, 'supergraph.graphql')): Promise<string> {
  const supergraph = Supergraph.build(await readFile(supergraphPath, 'utf8'));
  return printSchema(lexicographicSortSchema(supergraph.apiSchema().toGraphQLJSSchema()));
}

export function codegenConfig(schemaSdl: string): CodegenConfig {
  return {
    schema: schemaSdl,
    documents: [join(webRoot, 'src/**/*.{ts,tsx}'), `!${join(generatedDir, '**')}`],
    ignoreNoDocuments: false,
    silent: true,
    generates: {
      [`${generatedDir}/`]: {
        preset: 'client',
        presetConfig: {
          // Apollo Client has its own useFragment; the generated unmasking helper gets another name.
          fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
        },
        config: {
          scalars: { DateTime: 'string' },
          enumsAsTypes: true,
          useTypeImports: true,
          // Operation and fragment types only: the schema's full type list would be dead weight.
          onlyOperationTypes: true,
          dedupeFragments: true,
        },
      },
    },
  };
}

/** Generated files that differ from what the schema and the documents now give (repository-relative paths). */
export async function staleGeneratedFiles(): Promise<string[]> {
  const files = await generate({ ...codegenConfig(await apiSchemaSdl()), cwd: webRoot }, false);
  const stale: string[] = [];
  for (const file of files) {
    const committed = await readFile(file.filename, 'utf8').catch(() => undefined);
    if (committed !== file.content) stale.push(relative(repoRoot, file.filename));
  }
  return stale;
}

async function main(): Promise<void> {
  if (!process.argv.includes('--check')) {
    await generate({ ...codegenConfig(await apiSchemaSdl()), cwd: webRoot }, true);
    return;
  }
  const stale = await staleGeneratedFiles();
  if (stale.length > 0) {
    console.error(`Generated GraphQL types are stale: ${stale.join(', ')}. Run \`npm run codegen -w @bookstore/web\` and commit the result.`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
