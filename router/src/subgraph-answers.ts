import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';

/** A subgraph's answer: its status, its Cache-Control, and the GraphQL response it carried. */
export interface SubgraphAnswer {
  status: number;
  cacheControl: string | null;
  graphql: GatewayGraphQLResponse;
  /** The text of `data` as the subgraph wrote it, when the body held nothing else (graphqlResponseOf). */
  dataText: string | undefined;
}

/**
 * The subgraph answers of one client request, by subgraph and request body. The fast path
 * (fast-path.ts) records them; when its result holds anything to report (errors, nulled fields),
 * the request is answered by the gateway over Apollo Server instead, which replays them: the
 * client gets exactly the gateway's answer and no subgraph is called twice. Failed fetches are
 * kept too, so a replay fails the same way.
 */
export class SubgraphAnswers {
  /** By subgraph, then request body (an entity fetch's body is large: keyed as it is, not copied). */
  private readonly kept = new Map<string, Map<string, Promise<SubgraphAnswer>[]>>();
  private replaying = false;
  private refuseUnrecorded = false;

  /** The recorded answer to `body` sent to `subgraph` when replaying, else `fetch()`'s, recorded. */
  answer(subgraph: string, body: string, fetch: () => Promise<SubgraphAnswer>): Promise<SubgraphAnswer> {
    let bySubgraph = this.kept.get(subgraph);
    if (!bySubgraph) this.kept.set(subgraph, (bySubgraph = new Map()));
    const queue = bySubgraph.get(body);
    if (this.replaying) {
      const recorded = queue?.shift();
      if (recorded) return recorded;
      if (this.refuseUnrecorded) return Promise.reject(new Error(`A replay asked the ${subgraph} subgraph something the fast path had not; not sent, as it may be a mutation's second run.`));
      return fetch();
    }
    const answer = fetch();
    if (queue) queue.push(answer);
    else bySubgraph.set(body, [answer]);
    return answer;
  }

  /**
   * From now on, answers come from the record, in the order they were fetched. A request the
   * record lacks (the two paths sent different ones, which they should never do) is sent to the
   * subgraph, or, with `refuseUnrecorded` (a mutation's replay), fails instead: a mutation must
   * not run twice.
   */
  replay(refuseUnrecorded: boolean): void {
    this.replaying = true;
    this.refuseUnrecorded = refuseUnrecorded;
  }
}
