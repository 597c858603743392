import { NetworkStatus } from '@apollo/client';
import type { ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice';
import { LoadMore } from './LoadMore';
import { Loading } from './Loading';

/** A cursor connection as the API pages lists (edges of nodes, then whether more follow). */
export interface Connection<Node> {
  edges: readonly { node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** What the list needs of `useQuery`'s result (asked with `notifyOnNetworkStatusChange`). */
export interface ConnectionQuery {
  data: unknown;
  loading: boolean;
  error?: unknown;
  networkStatus: NetworkStatus;
  fetchMore: (options: { variables: { after: string | null | undefined } }) => Promise<unknown>;
  refetch: () => Promise<unknown>;
}

/**
 * A page of a connection with its states: loading until the first answer, the error (with a
 * retry) when there is none, `empty` when the list is, the nodes through `children` otherwise,
 * and "load more" on the cursor while more follow. The nodes are drawn by `children`, or, as
 * the items of a row list, by `item`.
 */
export function ConnectionList<Node>({ query, connection, loadingLabel, empty, moreLabel, children, item }: { query: ConnectionQuery; connection: Connection<Node> | null | undefined; loadingLabel?: string; empty?: ReactNode; moreLabel: string; children?: (nodes: Node[]) => ReactNode; item?: (node: Node) => ReactNode }) {
  const nodes = connection?.edges.map((edge) => edge.node);
  const draw = children ?? ((all: Node[]) => <ul className="row-list">{all.map((node) => item?.(node))}</ul>);
  return (
    <>
      {!query.data && query.loading && <Loading label={loadingLabel} />}
      {query.error && !query.data ? <ErrorNotice error={query.error} onRetry={() => void query.refetch()} /> : null}
      {nodes && (nodes.length === 0 ? empty : draw(nodes))}
      <LoadMore pageInfo={connection?.pageInfo} loading={query.networkStatus === NetworkStatus.fetchMore} onMore={(after) => void query.fetchMore({ variables: { after } })} label={moreLabel} />
    </>
  );
}
