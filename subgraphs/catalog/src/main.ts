import { runSubgraphProcess } from '@bookstore/subgraph-runtime';
import { catalogSubgraph } from './subgraph.js';

runSubgraphProcess(catalogSubgraph);
