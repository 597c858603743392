import type { ReactNode } from 'react';
import { graphql } from '../gql';
import type { OrderRow_OrderFragment as OrderRowData } from '../gql/graphql';
import { ListRow } from '../ui/ListRow';
import { Money } from '../ui/Money';

/** An order as a row of the order lists (the customer's, the ADMIN's by status), its fields in the order the row shows them. */
export const OrderRowFragment = graphql(`
  fragment OrderRow_order on Order {
    id
    createdAt
    status
    items {
      quantity
      book {
        id
        title
      }
    }
    total {
      amount
      currency
    }
  }
`);

/** "2 × Emma, 1 × Persuasion". */
export function orderBooks(order: OrderRowData): string {
  return order.items.map((item) => `${item.quantity} × ${item.book.title}`).join(', ');
}

/** The heading and status, the books, more details (`children`), the total and the row's actions. */
export function OrderRow({ order, heading, children, actions }: { order: OrderRowData; heading: ReactNode; children?: ReactNode; actions?: ReactNode }) {
  return (
    <ListRow
      className="order-row"
      heading={heading}
      status={order.status}
      aside={
        <>
          <p className="order-row-total">{order.total ? <Money value={order.total} /> : 'total pending'}</p>
          {actions}
        </>
      }
    >
      <p className="fine-print">{orderBooks(order)}</p>
      {children}
    </ListRow>
  );
}
