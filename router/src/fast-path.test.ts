import { describe, expect, it } from 'vitest';
import { fetchBody } from './fast-path.js';

/** What the gateway's fetch sends (executeQueryPlan: the variables it uses that the client gave) as SubgraphDataSource.process serialises it. */
function gatewayBody(operation: string, operationName: string | undefined, usages: string[] | undefined, given: Record<string, unknown> | undefined): string {
  const variables: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const name of usages ?? []) if (given && Object.hasOwn(given, name) && given[name] !== undefined) variables[name] = given[name];
  return JSON.stringify({ query: operation, variables, operationName });
}

// A replay finds a recorded answer by its body (subgraph-answers.ts): the fast path's bodies must
// be the gateway's byte for byte, or a replay would call the subgraph again.
describe('fetchBody', () => {
  const operation = 'query Q__products__0($id:ID!,$n:Int){product(id:$id){name "quote\\u2028" reviews(first:$n){body}}}';
  it.each([
    ['no variables, a name', 'Q__products__0', undefined, undefined],
    ['no variables, no name', undefined, [], { ignored: 1 }],
    ['variables given', 'Q__products__0', ['id', 'n'], { id: 'b1', n: 3, other: true }],
    ['a variable missing', 'Q__products__0', ['id', 'n'], { id: 'b1' }],
    ['a variable undefined', 'Q__products__0', ['id', 'n'], { id: 'b1', n: undefined }],
    ['a variable null', 'Q__products__0', ['id', 'n'], { id: 'b1', n: null }],
    ['no variables object', 'Q__products__0', ['id'], undefined],
    ['an inherited name', 'Q__products__0', ['toString', 'id'], { id: 'é"\n' }],
    ['nested values', undefined, ['input'], { input: { lines: [{ bookId: 'b', quantity: 2 }], note: null } }],
  ])('is the gateway body with %s', (_, operationName, usages, given) => {
    const body = fetchBody({ operation, operationName, variableUsages: usages })(given);
    expect(body).toBe(gatewayBody(operation, operationName, usages, given));
  });
});
