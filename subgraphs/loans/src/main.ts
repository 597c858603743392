import { runSubgraphProcess } from '@bookstore/subgraph-runtime';
import { loansSubgraph } from './subgraph.js';

runSubgraphProcess(loansSubgraph);
