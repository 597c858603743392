import { runSubgraphProcess } from '@bookstore/kit';
import { ordersSubgraph } from './subgraph.js';

runSubgraphProcess(ordersSubgraph);
