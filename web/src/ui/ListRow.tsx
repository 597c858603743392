import type { ReactNode } from 'react';
import { StatusBadge } from './StatusBadge';

/** One record of a row list (an order, a loan, a hold): its heading and status, details under them, actions beside. */
export function ListRow({ className, heading, status, children, aside }: { className: string; heading: ReactNode; status: string; children?: ReactNode; aside?: ReactNode }) {
  return (
    <li className={className}>
      <div>
        <p>
          {heading} <StatusBadge status={status} />
        </p>
        {children}
      </div>
      {aside}
    </li>
  );
}
