import { revocationsETag, type RevocationEntry, type RevocationListBody, type RevocationLoader, type RouteHandler } from '@bookstore/server-core';
import { type Database } from '@bookstore/subgraph-runtime';
import { listRevocations } from './db/queries.js';

/**
 * `GET /revocations`: the access-token revocations of the last `windowSeconds`, which every
 * verifier polls (kit revocations.ts). Only the router's secret admits a caller (the subgraph
 * server checks it, as for /graphql). An unchanged list answers 304 to the ETag the poller
 * sends back, so polling every few seconds costs one indexed query and no body.
 */
export function revocationsRoute(db: Database, windowSeconds: number): RouteHandler {
  return async (req, res) => {
    const body: RevocationListBody = { revocations: await recentRevocations(db, windowSeconds) };
    const text = JSON.stringify(body);
    const etag = revocationsETag(text);
    const headers = { etag, 'cache-control': 'no-cache' };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
  };
}

/** The users subgraph's own verifier reads the list from its database rather than over HTTP. */
export function revocationsFromDatabase(db: Database, windowSeconds: number): RevocationLoader {
  return () => recentRevocations(db, windowSeconds);
}

async function recentRevocations(db: Database, windowSeconds: number): Promise<RevocationEntry[]> {
  const rows = await listRevocations(db, windowSeconds);
  return rows.map((row) => ({ sub: row.userId, ver: row.tokenVersion }));
}
