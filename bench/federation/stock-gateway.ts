// The "stock" gateway of the federation benchmark: @apollo/gateway inside Apollo Server's standalone
// server with default settings, as in The Guild's apollo-gateway entry (gateways/apollo-gateway/index.ts
// in github.com/graphql-hive/graphql-gateways-benchmark). With --workers above 1 it forks that many
// node:cluster workers sharing the port, like our router and Hive's --fork.
//
//   node --import tsx bench/federation/stock-gateway.ts --supergraph <file> --port <n> [--workers <n>]
//
// Prints "stock gateway listening on <url> (<n> workers)" once every worker listens. Set
// APOLLO_TELEMETRY_DISABLED=true in its environment so it sends nothing to Apollo.
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const { values } = parseArgs({
  options: {
    supergraph: { type: 'string' },
    port: { type: 'string', default: '4000' },
    workers: { type: 'string', default: '1' },
  },
});
const port = Number(values.port);
const workers = Math.max(1, Number(values.workers) || 1);
if (!values.supergraph || !Number.isInteger(port)) {
  console.error('usage: stock-gateway.ts --supergraph <file> --port <n> [--workers <n>]');
  process.exit(2);
}

if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === workers) console.log(`stock gateway listening on http://127.0.0.1:${port}/ (${workers} workers)`);
  });
  cluster.on('exit', (worker, code, signal) => {
    console.error(`stock gateway worker ${worker.process.pid} exited (${code ?? signal})`);
    process.exit(1);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  const stop = () => {
    cluster.removeAllListeners('exit');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(values.supergraph, 'utf8') });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  if (workers === 1) console.log(`stock gateway listening on ${url} (1 worker)`);
}
