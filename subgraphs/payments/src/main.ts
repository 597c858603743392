import { runSubgraphProcess } from '@bookstore/kit';
import { paymentsSubgraph } from './subgraph.js';

runSubgraphProcess(paymentsSubgraph);
