import { runSubgraphProcess } from '@bookstore/subgraph-runtime';
import { usersSubgraph } from './subgraph.js';

runSubgraphProcess(usersSubgraph);
