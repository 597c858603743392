import { runSubgraphProcess } from '@bookstore/kit';
import { reviewsSubgraph } from './subgraph.js';

runSubgraphProcess(reviewsSubgraph);
