import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { graphql } from '../gql';
import type { OrderStatus } from '../gql/graphql';
import { ActionButton } from '../ui/actions';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDateTime, humanize } from '../ui/format';
import { LoadMore } from '../ui/LoadMore';
import { Empty, Loading } from '../ui/Loading';
import { Money } from '../ui/Money';
import { Page } from '../ui/Page';
import { StatusBadge } from '../ui/StatusBadge';
import { Refund } from './Refund';

const AdminOrdersQuery = graphql(`
  query AdminOrders($status: OrderStatus, $after: String) {
    orders(status: $status, first: 20, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          status
          createdAt
          total {
            amount
            currency
          }
          customer {
            id
            username
          }
          items {
            quantity
            book {
              id
              title
            }
          }
          payments {
            id
            status
            amount {
              amount
              currency
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const UpdateOrderStatusMutation = graphql(`
  mutation UpdateOrderStatus($id: ID!, $status: OrderStatus!) {
    updateOrderStatus(id: $id, status: $status) {
      id
      status
    }
  }
`);

const statuses: OrderStatus[] = ['PAID', 'SHIPPED', 'DELIVERED', 'AWAITING_PAYMENT', 'PENDING', 'CANCELLED', 'REJECTED', 'REFUNDED'];
const nextStatus: Partial<Record<OrderStatus, OrderStatus>> = { PAID: 'SHIPPED', SHIPPED: 'DELIVERED' };

function Advance({ orderId, status, label }: { orderId: string; status: OrderStatus; label: string }) {
  const [update, state] = useMutation(UpdateOrderStatusMutation, { refetchQueries: ['AdminOrders'] });
  return (
    <ActionButton className="button small" state={state} run={() => update({ variables: { id: orderId, status } })} aria-label={label}>
      {status === 'SHIPPED' ? 'Mark shipped' : 'Mark delivered'}
    </ActionButton>
  );
}

/** ADMIN: orders by status, moving paid orders to shipped and delivered, refunding payments. */
function OrdersAdmin() {
  const [params, setParams] = useSearchParams();
  const status = statuses.find((each) => each === params.get('status')) ?? 'PAID';
  const { data, error, loading, networkStatus, fetchMore, refetch } = useQuery(AdminOrdersQuery, { variables: { status }, notifyOnNetworkStatusChange: true });
  const orders = data?.orders;
  return (
    <>
      <div className="field">
        <label htmlFor="order-status">Status</label>
        <select id="order-status" value={status} onChange={(event) => setParams({ status: event.target.value }, { replace: true })}>
          {statuses.map((each) => (
            <option key={each} value={each}>
              {humanize(each)}
            </option>
          ))}
        </select>
      </div>
      {!data && loading && <Loading />}
      {error && !data && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {orders && (
        <p className="fine-print" role="status">
          {orders.totalCount} {humanize(status).toLowerCase()} {orders.totalCount === 1 ? 'order' : 'orders'}
        </p>
      )}
      {orders && orders.edges.length === 0 && <Empty title="No orders with this status" />}
      <ul className="row-list">
        {orders?.edges.map(({ node: order }) => {
          const next = nextStatus[order.status];
          const name = `order of ${order.customer.username}, ${formatDateTime(order.createdAt)}`;
          return (
            <li key={order.id} className="order-row">
              <div>
                <p>
                  <Link to={`/orders/${order.id}`}>{order.customer.username}</Link> · {formatDateTime(order.createdAt)} <StatusBadge status={order.status} />
                </p>
                <p className="fine-print">{order.items.map((item) => `${item.quantity} × ${item.book.title}`).join(', ')}</p>
                {order.payments.map((payment) => (
                  <div key={payment.id} className="fine-print">
                    Payment <Money value={payment.amount} /> {humanize(payment.status)}
{' '}
                    {(payment.status === 'SUCCEEDED' || payment.status === 'PARTIALLY_REFUNDED') && <Refund paymentId={payment.id} label={`Refund the payment of the ${name}`} refetch={['AdminOrders']} />}
                  </div>
                ))}
              </div>
              <p className="order-row-total">{order.total && <Money value={order.total} />}</p>
              {next && <Advance orderId={order.id} status={next} label={`${next === 'SHIPPED' ? 'Mark shipped' : 'Mark delivered'}: ${name}`} />}
            </li>
          );
        })}
      </ul>
      <LoadMore pageInfo={orders?.pageInfo} loading={networkStatus === NetworkStatus.fetchMore} onMore={(after) => void fetchMore({ variables: { after } })} label="More orders" />
    </>
  );
}

export default function OrdersAdminPage() {
  return (
    <Page title="Orders" roles={['ADMIN']}>
      <OrdersAdmin />
    </Page>
  );
}
