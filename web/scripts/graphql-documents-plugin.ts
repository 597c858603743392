import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ClientSideBaseVisitor } from '@graphql-codegen/visitor-plugin-common';
import type * as GraphQL from 'graphql';
import type { Plugin } from 'vite';

// graphql as Node loads it for codegen's visitor (CommonJS): a config bundler may pick graphql's
// ESM build for a plain import, and graphql refuses a schema from the other build.
const { buildSchema, parse } = createRequire(import.meta.url)('graphql') as typeof GraphQL;

const PREFIX = 'virtual:graphql-document/';

/**
 * Replaces each `graphql(`...`)` call with that one document, as a module of its own (what the
 * client preset's Babel plugin does, without Babel, and finer: one module per document). The
 * `graphql()` function looks documents up in a map of every document of the app, and the
 * generated `graphql.ts` is one module that a bundler cannot split, so either way every page's
 * documents would ride in the first page's JavaScript.
 */
export function graphqlDocuments(generatedDir: string): Plugin {
  const visitor = new ClientSideBaseVisitor(buildSchema('type Query { _: Int }'), [], {}, {});
  const generated = join(generatedDir, 'graphql.ts');
  const call = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
  return {
    name: 'bookstore:graphql-documents',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.startsWith(generatedDir) || !code.includes('graphql(`')) return undefined;
      const names = new Set<string>();
      const replaced = code.replace(call, (_whole, source: string) => {
        const [definition] = parse(source).definitions;
        if (!definition || (definition.kind !== 'OperationDefinition' && definition.kind !== 'FragmentDefinition') || !definition.name) {
          throw new Error(`${id}: every graphql() document starts with a named operation or fragment`);
        }
        const name = definition.kind === 'OperationDefinition' ? visitor.getOperationVariableName(definition) : visitor.getFragmentVariableName(definition);
        names.add(name);
        return `__document_${name}`;
      });
      if (names.size === 0) return undefined;
      const imports = [...names].map((name) => `import __document_${name} from ${JSON.stringify(PREFIX + name)};\n`).join('');
      return { code: imports + replaced, map: null };
    },
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return undefined;
      const name = id.slice(PREFIX.length + 1);
      // Codegen writes each document as one line: `export const Name = {...} as unknown as DocumentNode<...>;`
      const line = readFileSync(generated, 'utf8')
        .split('\n')
        .find((each) => each.startsWith(`export const ${name} = `));
      const json = line?.slice(`export const ${name} = `.length, line.lastIndexOf(' as unknown as '));
      if (!json) throw new Error(`${name} is not in ${generated}: run \`npm run codegen -w @bookstore/web\``);
      return `export default ${json};`;
    },
  };
}
