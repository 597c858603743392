import { runSubgraphProcess } from '@bookstore/subgraph-runtime';
import { reviewsSubgraph } from './subgraph.js';

runSubgraphProcess(reviewsSubgraph);
