import { runSubgraphProcess } from '@bookstore/kit';
import { summariesSubgraph } from './subgraph.js';

runSubgraphProcess(summariesSubgraph);
