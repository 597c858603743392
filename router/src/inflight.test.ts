import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { InflightQueries } from './inflight.js';

const request = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;

describe('InflightQueries.keyOf', () => {
  const inflight = new InflightQueries();

  it('gives identical queries of one caller one key, and other variables or callers another', () => {
    const body = { query: 'query Shelf($id: ID!) { shelf(id: $id) { label } }', variables: { id: '1' } };
    const key = inflight.keyOf(request('Bearer a'), body);
    expect(key).toBeDefined();
    expect(inflight.keyOf(request('Bearer a'), { ...body })).toBe(key);
    expect(inflight.keyOf(request('Bearer b'), body)).not.toBe(key);
    expect(inflight.keyOf(request(), body)).not.toBe(key);
    expect(inflight.keyOf(request('Bearer a'), { ...body, variables: { id: '2' } })).not.toBe(key);
  });

  it('never shares mutations, subscriptions, invalid documents or persisted-query requests', () => {
    expect(inflight.keyOf(request(), { query: 'mutation { logout(refreshToken: "x") }' })).toBeUndefined();
    expect(inflight.keyOf(request(), { query: 'subscription { myOrderUpdates { id } }' })).toBeUndefined();
    expect(inflight.keyOf(request(), { query: '{ shelf(' })).toBeUndefined();
    expect(inflight.keyOf(request(), { query: '{ a } mutation B { b }', operationName: 'B' })).toBeUndefined();
    expect(inflight.keyOf(request(), { query: '{ a } mutation B { b }', operationName: null })).toBeUndefined(); // ambiguous
    expect(inflight.keyOf(request(), { query: '{ a }', extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } })).toBeUndefined();
    expect(inflight.keyOf(request(), { query: '{ a } mutation B { b }', operationName: 'Unknown' })).toBeUndefined();
    expect(inflight.keyOf(request(), { query: 'query A { a } mutation B { b }', operationName: 'A' })).toBeDefined();
  });
});
