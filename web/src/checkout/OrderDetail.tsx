import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { fieldErrors } from '../client/errors';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { AddressInput, OrderStatus } from '../gql/graphql';
import { ActionForm } from '../ui/actions';
import { formatDateTime, humanize } from '../ui/format';
import { Money } from '../ui/Money';
import { AddressFields } from './AddressFields';

export const OrderDetailFragment = graphql(`
  fragment OrderDetail_order on Order {
    id
    status
    rejectionReason
    paymentDueAt
    createdAt
    total {
      amount
      currency
    }
    items {
      quantity
      unitPrice {
        amount
        currency
      }
      book {
        id
        title
      }
    }
    shippingAddress {
      line1
      line2
      city
      postalCode
      country
    }
    history {
      status
      at
      reason
    }
    payments {
      id
      status
      method
      cardLast4
      failureReason
      amount {
        amount
        currency
      }
      refunds {
        id
        reason
        amount {
          amount
          currency
        }
      }
    }
  }
`);

const path: OrderStatus[] = ['PENDING', 'AWAITING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED'];

/** Where an order stands on its way, as the saga moves it (README "The order saga"). */
export function statusSentence(status: OrderStatus): string {
  switch (status) {
    case 'PENDING':
      return 'Placed: the shop is reserving your books.';
    case 'AWAITING_PAYMENT':
      return 'Reserved: waiting for your payment.';
    case 'PAID':
      return 'Paid: the shop is packing your books.';
    case 'SHIPPED':
      return 'Shipped: on its way to you.';
    case 'DELIVERED':
      return 'Delivered.';
    case 'CANCELLED':
      return 'Cancelled.';
    case 'REJECTED':
      return 'The shop could not reserve the books.';
    case 'REFUNDED':
      return 'Refunded in full.';
  }
}

/** The progress bar of an order: done, current and coming steps, read as a list. */
export function StatusSteps({ status }: { status: OrderStatus }) {
  const at = path.indexOf(status);
  if (at < 0) return null;
  return (
    <ol className="status-steps" aria-label="Order progress">
      {path.map((step, index) => (
        <li key={step} className={index < at ? 'done' : index === at ? 'current' : 'todo'} aria-current={index === at ? 'step' : undefined}>
          {humanize(step)}
        </li>
      ))}
    </ol>
  );
}

const UpdateShippingAddressMutation = graphql(`
  mutation UpdateShippingAddress($id: ID!, $address: AddressInput!) {
    updateShippingAddress(id: $id, address: $address) {
      id
      ...OrderDetail_order
    }
  }
`);

/** The API takes a new address until the order ships. */
const addressChangeable = new Set<OrderStatus>(['PENDING', 'AWAITING_PAYMENT', 'PAID']);

/** The customer (or an ADMIN) sends an unshipped order somewhere else. */
function ChangeAddress({ orderId, current }: { orderId: string; current: AddressInput }) {
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState<AddressInput>({ line1: current.line1, line2: current.line2 ?? '', city: current.city, postalCode: current.postalCode, country: current.country });
  const [update, state] = useMutation(UpdateShippingAddressMutation);
  const errors = fieldErrors(state.error);
  if (!open)
    return (
      <>
        {state.data && (
          <p role="status" className="success">
            Address changed.
          </p>
        )}
        <button type="button" className="button secondary small" onClick={() => setOpen(true)}>
          Change address
        </button>
      </>
    );
  return (
    <ActionForm
      className="address-form"
      aria-label="Change the shipping address"
      run={() => update({ variables: { id: orderId, address: { ...address, line2: address.line2 || null } } }).then((result) => result.data && setOpen(false))}
      state={state}
      fields={['line1', 'line2', 'city', 'postalCode', 'country']}
      submitLabel="Save address"
      busyLabel="Saving…"
      submitClassName="button small"
      onCancel={() => setOpen(false)}
    >
      <AddressFields address={address} onChange={setAddress} fieldError={(name) => errors[`address.${name}`]} />
    </ActionForm>
  );
}

/** Lines, total, address, payments and history of an order. */
export function OrderDetail(props: { order: FragmentType<typeof OrderDetailFragment> }) {
  const order = getFragmentData(OrderDetailFragment, props.order);
  const address = order.shippingAddress;
  return (
    <div className="order-detail">
      <section aria-labelledby="lines-title">
        <h2 id="lines-title">Books</h2>
        <table className="order-lines">
          <thead>
            <tr>
              <th scope="col">Book</th>
              <th scope="col">Quantity</th>
              <th scope="col">Price</th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((item) => (
              <tr key={item.book.id}>
                <td>
                  <Link to={`/books/${item.book.id}`}>{item.book.title}</Link>
                </td>
                <td>{item.quantity}</td>
                <td>{item.unitPrice ? <Money value={item.unitPrice} /> : 'being priced'}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Total
              </th>
              <td>{order.total ? <Money value={order.total} /> : 'fixed once reserved'}</td>
            </tr>
          </tfoot>
        </table>
      </section>
      <section aria-labelledby="address-title">
        <h2 id="address-title">Shipping to</h2>
        {addressChangeable.has(order.status) && <ChangeAddress orderId={order.id} current={address} />}
        <address>
          {address.line1}
          <br />
          {address.line2 && (
            <>
              {address.line2}
              <br />
            </>
          )}
          {address.postalCode} {address.city}
          <br />
          {address.country}
        </address>
      </section>
      {order.payments.length > 0 && (
        <section aria-labelledby="payments-title">
          <h2 id="payments-title">Payments</h2>
          <ul className="plain-list">
            {order.payments.map((payment) => (
              <li key={payment.id}>
                <Money value={payment.amount} /> by {humanize(payment.method)}
                {payment.cardLast4 ? ` ending ${payment.cardLast4}` : ''}: {humanize(payment.status)}
                {payment.failureReason ? ` (${payment.failureReason})` : ''}
                {payment.refunds.map((refund) => (
                  <span key={refund.id}>
                    {' '}
                    · refunded <Money value={refund.amount} />
                    {refund.reason ? ` (${refund.reason})` : ''}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <ol className="plain-list history">
          {order.history.map((change, index) => (
            <li key={index}>
              <time dateTime={change.at}>{formatDateTime(change.at)}</time>: {humanize(change.status)}
              {change.reason ? ` (${change.reason})` : ''}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
