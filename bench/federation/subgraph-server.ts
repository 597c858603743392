// A lean GraphQL-over-HTTP server for the benchmark subgraphs: node:http, POST JSON only, and each
// distinct query string parsed and validated once. Apollo Server would add plugins, context and
// response caching hooks per request; here the subgraphs must cost as little as possible, since the
// gateways are what is measured.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';

interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** The request handler of one subgraph. */
export function subgraphHandler(schema: GraphQLSchema): (req: IncomingMessage, res: ServerResponse) => void {
  // Per query string: the parsed document, or the errors it failed with. Gateways send a small,
  // fixed set of queries, so the cache never grows beyond a handful of entries.
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
  const documentOf = (query: string): DocumentNode | readonly GraphQLError[] => {
    let entry = documents.get(query);
    if (!entry) {
      try {
        const document = parse(query);
        const errors = validate(schema, document);
        entry = errors.length > 0 ? errors : document;
      } catch (error) {
        entry = [error as GraphQLError];
      }
      documents.set(query, entry);
    }
    return entry;
  };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  };

  return (req, res) => {
    if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' });
    if (req.method !== 'POST') return send(res, 405, { errors: [{ message: 'POST a JSON body' }] });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: GraphQLBody;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLBody;
      } catch {
        return send(res, 400, { errors: [{ message: 'Body is not JSON' }] });
      }
      if (typeof body.query !== 'string') return send(res, 400, { errors: [{ message: 'No query' }] });
      const document = documentOf(body.query);
      if (Array.isArray(document)) return send(res, 400, { errors: document });
      Promise.resolve(
        execute({
          schema,
          document: document as DocumentNode,
          variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
          operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
        }),
      ).then(
        (result) => send(res, 200, result),
        (error: unknown) => send(res, 500, { errors: [{ message: String(error) }] }),
      );
    });
  };
}

/** Listens on a free port of 127.0.0.1; resolves with the server and its GraphQL URL. */
export async function listenSubgraph(schema: GraphQLSchema): Promise<{ server: Server; url: string }> {
  const server = createServer(subgraphHandler(schema));
  // Gateways keep connections alive; Node's 5 s default would close them under the gateway's feet.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}
