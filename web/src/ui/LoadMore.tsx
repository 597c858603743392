/** "Load more" under a list that is a cursor connection; absent when there is nothing more. */
export function LoadMore({ pageInfo, loading, onMore, label = 'Load more' }: { pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined; loading: boolean; onMore: (after: string | null | undefined) => void; label?: string }) {
  if (!pageInfo?.hasNextPage) return null;
  return (
    <p className="load-more">
      <button type="button" className="button secondary" disabled={loading} onClick={() => onMore(pageInfo.endCursor)}>
        {loading ? 'Loading…' : label}
      </button>
    </p>
  );
}
