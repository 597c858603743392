import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { OrderRow, OrderRowFragment } from '../account/OrderRow';
import { getFragmentData, graphql } from '../gql';
import type { AdminOrdersQuery, OrderStatus } from '../gql/graphql';
import { ActionButton } from '../ui/actions';
import { formatDateTime, humanize } from '../ui/format';
import { ConnectionList } from '../ui/ConnectionList';
import { Empty } from '../ui/Loading';
import { Money } from '../ui/Money';
import { Page } from '../ui/Page';
import { Refund } from './Refund';

const AdminOrdersQuery = graphql(`
  query AdminOrders($status: OrderStatus, $after: String) {
    orders(status: $status, first: 20, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ...OrderRow_order
          customer {
            id
            username
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

type AdminOrder = NonNullable<AdminOrdersQuery['orders']>['edges'][number]['node'];

/** An order with its customer and payments: refund a payment, move the order on. */
function AdminOrderRow({ node }: { node: AdminOrder }) {
  const order = getFragmentData(OrderRowFragment, node);
  const next = nextStatus[order.status];
  const name = `order of ${node.customer.username}, ${formatDateTime(order.createdAt)}`;
  const heading = (
    <>
      <Link to={`/orders/${order.id}`}>{node.customer.username}</Link> · {formatDateTime(order.createdAt)}
    </>
  );
  return (
    <OrderRow order={order} heading={heading} actions={next && <Advance orderId={order.id} status={next} label={`${next === 'SHIPPED' ? 'Mark shipped' : 'Mark delivered'}: ${name}`} />}>
      {node.payments.map((payment) => (
        <div key={payment.id} className="fine-print">
          Payment <Money value={payment.amount} /> {humanize(payment.status)}{' '}
          {(payment.status === 'SUCCEEDED' || payment.status === 'PARTIALLY_REFUNDED') && <Refund paymentId={payment.id} label={`Refund the payment of the ${name}`} refetch={['AdminOrders']} />}
        </div>
      ))}
    </OrderRow>
  );
}

/** ADMIN: orders by status, moving paid orders to shipped and delivered, refunding payments. */
function OrdersAdmin() {
  const [params, setParams] = useSearchParams();
  const status = statuses.find((each) => each === params.get('status')) ?? 'PAID';
  const query = useQuery(AdminOrdersQuery, { variables: { status }, notifyOnNetworkStatusChange: true });
  const orders = query.data?.orders;
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
      {orders && (
        <p className="fine-print" role="status">
          {orders.totalCount} {humanize(status).toLowerCase()} {orders.totalCount === 1 ? 'order' : 'orders'}
        </p>
      )}
      <ConnectionList query={query} connection={orders} empty={<Empty title="No orders with this status" />} moreLabel="More orders" item={(node) => <AdminOrderRow key={node.id} node={node} />} />
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
