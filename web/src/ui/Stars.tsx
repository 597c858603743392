/** A rating out of five, drawn as stars and read as words. */
export function Stars({ rating, count }: { rating: number | null | undefined; count?: number }) {
  if (rating === null || rating === undefined) return <span className="stars-none">No ratings yet</span>;
  const label = `Rated ${rating.toFixed(1)} out of 5${count !== undefined ? ` by ${count} ${count === 1 ? 'reader' : 'readers'}` : ''}`;
  const full = Math.round(rating);
  return (
    <span className="stars" role="img" aria-label={label}>
      <span aria-hidden="true">
        {'★'.repeat(full)}
        <span className="stars-off">{'★'.repeat(5 - full)}</span>
      </span>
      {count !== undefined && <span className="stars-count" aria-hidden="true"> ({count})</span>}
    </span>
  );
}
