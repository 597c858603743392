import { Link } from 'react-router';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { PaymentRow_PaymentFragment as PaymentRow } from '../gql/graphql';
import { ConnectionList, type ConnectionQuery } from '../ui/ConnectionList';
import { DataTable, type Column } from '../ui/DataTable';
import { formatDateTime, humanize } from '../ui/format';
import { Empty } from '../ui/Loading';
import { Money } from '../ui/Money';
import { StatusBadge } from '../ui/StatusBadge';

/** A payment and its refunds as a row of the payments tables (the customer's, the ADMIN's). */
const PaymentRowFragment = graphql(`
  fragment PaymentRow_payment on Payment {
    id
    status
    method
    cardLast4
    failureReason
    createdAt
    amount {
      amount
      currency
    }
    order {
      id
    }
    refunds {
      id
      reason
      createdAt
      amount {
        amount
        currency
      }
    }
  }
`);

/** A page of payments, as both payments pages ask for it (the customer's own, the ADMIN's by status). */
export const PaymentsListFragment = graphql(`
  fragment PaymentsList_connection on PaymentConnection {
    edges {
      cursor
      node {
        id
        ...PaymentRow_payment
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
`);

const columns: Column<PaymentRow>[] = [
  { header: 'Date', cell: (payment) => formatDateTime(payment.createdAt) },
  { header: 'Amount', cell: (payment) => <Money value={payment.amount} /> },
  { header: 'Method', cell: (payment) => `${humanize(payment.method)}${payment.cardLast4 ? ` ending ${payment.cardLast4}` : ''}` },
  {
    header: 'Status',
    cell: (payment) => (
      <>
        <StatusBadge status={payment.status} />
        {payment.failureReason && <span className="fine-print"> {payment.failureReason}</span>}
      </>
    ),
  },
  {
    header: 'Refunds',
    cell: (payment) =>
      payment.refunds.length === 0
        ? '—'
        : payment.refunds.map((refund) => (
            <span key={refund.id} className="refund">
              <Money value={refund.amount} /> on {formatDateTime(refund.createdAt)}
              {refund.reason ? ` (${refund.reason})` : ''}
            </span>
          )),
  },
  { header: 'Order', cell: (payment) => <Link to={`/orders/${payment.order.id}`}>View order</Link> },
];

/**
 * Payments with their refunds, newest first, a page at a time; `action` adds a last column (the
 * ADMIN's refund).
 */
export function PaymentsList(props: { query: ConnectionQuery; connection: FragmentType<typeof PaymentsListFragment> | null | undefined; loadingLabel: string; empty: string; action?: Column<PaymentRow> }) {
  const connection = props.connection ? getFragmentData(PaymentsListFragment, props.connection) : undefined;
  return (
    <ConnectionList query={props.query} connection={connection} loadingLabel={props.loadingLabel} empty={<Empty title={props.empty} />} moreLabel="More payments">
      {(nodes) => <DataTable caption="Payments and their refunds, newest first" columns={[...columns, props.action ?? false]} rows={nodes.map((node) => getFragmentData(PaymentRowFragment, node))} />}
    </ConnectionList>
  );
}
