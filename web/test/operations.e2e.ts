import { addTypenameToDocument } from '@apollo/client/utilities';
import { buildSchema, Kind, print, specifiedRules, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { assertTokenLimit, defaultLimits, operationRules } from '../../router/src/limits.js';
import { apiSchemaSdl, staleGeneratedFiles } from '../scripts/codegen.js';
import * as generated from '../src/gql/graphql.js';

// The storefront's GraphQL operations against the API they run on: a schema change that breaks
// a page, a document edited without regenerating its types, or a page query grown past the
// router's limits fails here rather than in a shopper's browser.

const operations = Object.entries(generated as Record<string, unknown>).filter(
  (entry): entry is [string, DocumentNode] => (entry[1] as DocumentNode | undefined)?.kind === Kind.DOCUMENT && (entry[1] as DocumentNode).definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION),
);

describe('the storefront operations', () => {
  it('have committed generated types matching supergraph.graphql and web/src', async () => {
    expect(await staleGeneratedFiles()).toEqual([]);
  });

  it('are valid against the API schema and within the router default limits', async () => {
    const schema = buildSchema(await apiSchemaSdl());
    const rules = [...specifiedRules, ...operationRules({ ...defaultLimits, exposeLimits: true })];
    expect(operations.length).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const [name, written] of operations) {
      // What Apollo Client sends: __typename added to every selection, which counts towards the cost.
      const document = addTypenameToDocument(written);
      for (const error of validate(schema, document, rules)) problems.push(`${name}: ${error.message}`);
      try {
        assertTokenLimit(print(document), { ...defaultLimits, exposeLimits: true });
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
