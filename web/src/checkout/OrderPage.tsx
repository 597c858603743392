import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { RequireSession } from '../app/RequireSession';
import { getFragmentData, graphql } from '../gql';
import { ActionForm } from '../ui/actions';
import { ErrorNotice } from '../ui/ErrorNotice';
import { TextField } from '../ui/Field';
import { formatDateTime, humanize } from '../ui/format';
import { Empty, Loading } from '../ui/Loading';
import { usePageTitle } from '../ui/usePageTitle';
import { OrderDetail, OrderDetailFragment, statusSentence, StatusSteps } from './OrderDetail';
import { PaymentForm } from './PaymentForm';

const OrderPageQuery = graphql(`
  query OrderPage($id: ID!) {
    order(id: $id) {
      id
      ...OrderDetail_order
    }
  }
`);

/** Every status change of the order, with the fields the page shows: the cache updates the page. */
const OrderUpdatedSubscription = graphql(`
  subscription OrderUpdated($orderId: ID!) {
    orderUpdated(orderId: $orderId) {
      id
      ...OrderDetail_order
    }
  }
`);

export const CancelOrderMutation = graphql(`
  mutation CancelOrder($id: ID!, $reason: String) {
    cancelOrder(id: $id, reason: $reason) {
      id
      ...OrderDetail_order
    }
  }
`);

const cancellable = new Set(['PENDING', 'AWAITING_PAYMENT', 'PAID']);

/** Cancelling an order before it ships, with an optional reason; the owner confirms first. */
export function CancelOrder({ orderId, label }: { orderId: string; /** Names the order when a page lists several. */ label?: string }) {
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [cancel, state] = useMutation(CancelOrderMutation);
  if (!confirming)
    return (
      <button type="button" className="button secondary" onClick={() => setConfirming(true)} aria-label={label ? `Cancel order: ${label}` : undefined}>
        Cancel order
      </button>
    );
  return (
    <ActionForm
      className="cancel-form"
      aria-label="Cancel this order"
      run={() => cancel({ variables: { id: orderId, reason: reason.trim() || null } }).then(() => setConfirming(false))}
      state={state}
      submitLabel="Confirm cancellation"
      busyLabel="Cancelling…"
      submitClassName="button danger"
      onCancel={() => setConfirming(false)}
      cancelLabel="Keep the order"
    >
      <TextField label="Why are you cancelling? (optional)" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
    </ActionForm>
  );
}

function Order({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(OrderPageQuery, { variables: { id } });
  // Live status: each change arrives over graphql-ws and lands in the cache, re-rendering the page.
  const live = useSubscription(OrderUpdatedSubscription, { variables: { orderId: id } });
  const order = data?.order ? getFragmentData(OrderDetailFragment, data.order) : undefined;
  usePageTitle(order ? `Order ${humanize(order.status).toLowerCase()}` : 'Order');
  if (!data && loading) return <Loading label="Loading your order…" />;
  if (error && !order) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!order || !data?.order)
    return (
      <Empty title="No such order">
        <p>
          <Link to="/account/orders">Your orders</Link>
        </p>
      </Empty>
    );
  return (
    <>
      <p className="order-meta">
        Order <code>{order.id.slice(0, 8)}</code> placed {formatDateTime(order.createdAt)}
      </p>
      <div className="status-panel">
        <p className="order-status" role="status" aria-live="polite" aria-atomic="true">
          <span className={`status-badge status-${order.status.toLowerCase()}`}>{humanize(order.status)}</span> {statusSentence(order.status)}
          {order.rejectionReason ? ` ${order.rejectionReason}` : ''}
        </p>
        <StatusSteps status={order.status} />
        {live.error && <p className="fine-print">Live updates paused; reload to see the latest status.</p>}
      </div>
      {order.status === 'AWAITING_PAYMENT' && <PaymentForm orderId={order.id} total={order.total} dueAt={order.paymentDueAt} />}
      {cancellable.has(order.status) && <CancelOrder orderId={order.id} />}
      <OrderDetail order={data.order} />
    </>
  );
}

export default function OrderPage() {
  const { id = '' } = useParams();
  return (
    <div className="page order-page">
      <h1>Your order</h1>
      <RequireSession>
        <Order id={id} />
      </RequireSession>
    </div>
  );
}
