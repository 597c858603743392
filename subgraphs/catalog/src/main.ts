import { runSubgraphProcess } from '@bookstore/kit';
import { catalogSubgraph } from './subgraph.js';

runSubgraphProcess(catalogSubgraph);
