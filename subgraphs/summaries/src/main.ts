import { runSubgraphProcess } from '@bookstore/subgraph-runtime';
import { summariesSubgraph } from './subgraph.js';

runSubgraphProcess(summariesSubgraph);
