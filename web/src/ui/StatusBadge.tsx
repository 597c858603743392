import { humanize } from './format';

/** An order, payment or loan status as a coloured word. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`status-badge status-${status.toLowerCase()}`}>{humanize(status)}</span>;
}
