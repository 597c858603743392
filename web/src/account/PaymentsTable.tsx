import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { formatDateTime, humanize } from '../ui/format';
import { Money } from '../ui/Money';
import { StatusBadge } from '../ui/StatusBadge';

/** A payment and its refunds as a row of the payments tables (the customer's, the ADMIN's). */
export const PaymentRowFragment = graphql(`
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

/** Payments with their refunds; `action` adds a last column (the ADMIN's refund). */
export function PaymentsTable(props: { payments: FragmentType<typeof PaymentRowFragment>[]; caption: string; action?: { header: string; cell: (payment: { id: string; status: string; createdAt: string }) => ReactNode } }) {
  const payments = props.payments.map((each) => getFragmentData(PaymentRowFragment, each));
  return (
    <div className="table-scroll">
      <table className="list-table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Amount</th>
            <th scope="col">Method</th>
            <th scope="col">Status</th>
            <th scope="col">Refunds</th>
            <th scope="col">Order</th>
            {props.action && <th scope="col">{props.action.header}</th>}
          </tr>
        </thead>
        <tbody>
          {payments.map((payment) => (
            <tr key={payment.id}>
              <td>{formatDateTime(payment.createdAt)}</td>
              <td>
                <Money value={payment.amount} />
              </td>
              <td>
                {humanize(payment.method)}
                {payment.cardLast4 ? ` ending ${payment.cardLast4}` : ''}
              </td>
              <td>
                <StatusBadge status={payment.status} />
                {payment.failureReason && <span className="fine-print"> {payment.failureReason}</span>}
              </td>
              <td>
                {payment.refunds.length === 0
                  ? '—'
                  : payment.refunds.map((refund) => (
                      <span key={refund.id} className="refund">
                        <Money value={refund.amount} /> on {formatDateTime(refund.createdAt)}
                        {refund.reason ? ` (${refund.reason})` : ''}
                      </span>
                    ))}
              </td>
              <td>
                <Link to={`/orders/${payment.order.id}`}>View order</Link>
              </td>
              {props.action && <td>{props.action.cell(payment)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
