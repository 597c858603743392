import { runSubgraphProcess } from '@bookstore/kit';
import { usersSubgraph } from './subgraph.js';

runSubgraphProcess(usersSubgraph);
