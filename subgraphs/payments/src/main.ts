import { runSubgraphProcess } from '@bookstore/subgraph-runtime';
import { paymentsSubgraph } from './subgraph.js';

runSubgraphProcess(paymentsSubgraph);
