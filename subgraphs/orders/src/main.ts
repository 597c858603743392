import { runSubgraphProcess } from '@bookstore/subgraph-runtime';
import { ordersSubgraph } from './subgraph.js';

runSubgraphProcess(ordersSubgraph);
