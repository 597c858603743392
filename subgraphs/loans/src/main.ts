import { runSubgraphProcess } from '@bookstore/kit';
import { loansSubgraph } from './subgraph.js';

runSubgraphProcess(loansSubgraph);
