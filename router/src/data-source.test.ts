import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataTextOf, SubgraphDataSource, SubgraphPools } from './data-source.js';

// The pass-through's splice (fast-path.ts): a subgraph body's `data` text is kept only when the
// body held nothing else, so no error, extension or other member can reach the client as data.
let body = '';
let server: Server;
const pools = new SubgraphPools();
let source: SubgraphDataSource;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  source = new SubgraphDataSource({ name: 'canned', url: `http://127.0.0.1:${port}/graphql`, pools, timeoutMs: 5_000, routerSecret: undefined });
});

afterAll(async () => {
  await pools.close();
  await new Promise((resolve) => server.close(resolve));
});

async function answer(text: string) {
  body = text;
  // A health check's options (no caller): the kind is only a tag here.
  return source.process({ kind: 'health check', request: { query: '{ a }' }, context: {} } as never);
}

describe('dataTextOf', () => {
  it.each([
    ['a data-only body', '{"data":{"a":1,"b":"é\\u00e9"}}', '{"a":1,"b":"é\\u00e9"}'],
    ['a trailing newline', '{"data":{"a":[1,2]}}\n', '{"a":[1,2]}'],
    ['space inside', '{"data": {"a": null} }', ' {"a": null} '],
  ])('keeps the data text of %s', async (_, text, expected) => {
    const response = await answer(text);
    expect(dataTextOf(response)).toBe(expected);
    expect(JSON.parse(dataTextOf(response)!)).toEqual(response.data);
  });

  it.each([
    ['errors beside data', '{"data":{"a":1},"errors":[{"message":"no"}]}'],
    ['extensions beside data', '{"data":{"a":1},"extensions":{"cost":3}}'],
    ['errors first', '{"errors":[{"message":"no"}],"data":{"a":1}}'],
    ['another member', '{"data":{"a":1},"other":true}'],
    ['null data', '{"data":null}'],
    ['leading space', ' {"data":{"a":1}}'],
  ])('keeps nothing for %s', async (_, text) => {
    const response = await answer(text);
    expect(dataTextOf(response)).toBeUndefined();
    expect(response.data).toEqual((JSON.parse(text) as { data: unknown }).data);
  });
});
