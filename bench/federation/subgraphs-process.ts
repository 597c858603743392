// `node --import tsx bench/federation/subgraphs-process.ts accounts inventory ...` serves each named
// subgraph on its own free port of 127.0.0.1 and reports the URLs to its parent over IPC
// ({ ready: { accounts: url, ... } }). It exits when the parent disconnects, so a benchmark that
// dies however abruptly leaves no subgraph behind.
import { listenSubgraph } from './subgraph-server.js';
import { isSubgraphName, subgraphSchema } from './subgraphs.js';

const urls: Record<string, string> = {};
for (const name of process.argv.slice(2)) {
  if (!isSubgraphName(name)) throw new Error(`unknown subgraph "${name}"`);
  urls[name] = (await listenSubgraph(subgraphSchema(name))).url;
}
if (process.send) {
  process.send({ ready: urls });
  process.on('disconnect', () => process.exit(0));
} else {
  console.log(JSON.stringify(urls));
}
