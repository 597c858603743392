import { describe, expect, it } from 'vitest';
import { cacheHintOf, graphqlResponseOf } from './data-source.js';

// The pass-through's splice (fast-path.ts): a subgraph body's `data` text is kept only when the
// body held nothing else, so no error, extension or other member can reach the client as data.
describe('the data text of a subgraph answer', () => {
  it.each([
    ['a data-only body', '{"data":{"a":1,"b":"é\\u00e9"}}', '{"a":1,"b":"é\\u00e9"}'],
    ['a trailing newline', '{"data":{"a":[1,2]}}\n', '{"a":[1,2]}'],
    ['space inside', '{"data": {"a": null} }', ' {"a": null} '],
  ])('is kept for %s', (_, text, expected) => {
    const read = graphqlResponseOf(text)!;
    expect(read.dataText).toBe(expected);
    expect(JSON.parse(read.dataText!)).toEqual(read.graphql.data);
  });

  it.each([
    ['errors beside data', '{"data":{"a":1},"errors":[{"message":"no"}]}'],
    ['extensions beside data', '{"data":{"a":1},"extensions":{"cost":3}}'],
    ['errors first', '{"errors":[{"message":"no"}],"data":{"a":1}}'],
    ['another member', '{"data":{"a":1},"other":true}'],
    ['null data', '{"data":null}'],
    ['leading space', ' {"data":{"a":1}}'],
  ])('is not kept for %s', (_, text) => {
    const read = graphqlResponseOf(text)!;
    expect(read.dataText).toBeUndefined();
    expect(read.graphql.data).toEqual((JSON.parse(text) as { data: unknown }).data);
  });

  it.each([
    ['not JSON', '<html>'],
    ['an array', '[{"data":{}}]'],
    ['neither data nor errors', '{"message":"oops"}'],
    ['empty errors and no data', '{"errors":[]}'],
  ])('is no GraphQL response at all for %s', (_, text) => {
    expect(graphqlResponseOf(text)).toBeUndefined();
  });
});

// What RemoteGraphQLDataSource reads from a subgraph's Cache-Control (and each value read once).
describe("a subgraph answer's cache hint", () => {
  it.each([
    [null, { maxAge: 0 }],
    ['no-store', { maxAge: 0 }],
    ['max-age=60, public', { maxAge: 60, scope: 'PUBLIC' }],
    ['private, max-age=30', { maxAge: 30, scope: 'PRIVATE' }],
    ['Max-Age=5', { maxAge: 5 }],
    ['s-maxage=9, max-age=3', { maxAge: 3 }],
  ])('of %s is %j, the same when read again', (header, hint) => {
    expect(cacheHintOf(header)).toEqual(hint);
    expect(cacheHintOf(header)).toEqual(hint);
  });
});
