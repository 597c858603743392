import { NetworkStatus } from '@apollo/client';
import { useQuery, useSubscription } from '@apollo/client/react';
import { Link } from 'react-router';
import { CancelOrder } from '../checkout/OrderPage';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate } from '../ui/format';
import { LoadMore } from '../ui/LoadMore';
import { Empty, Loading } from '../ui/Loading';
import { Money } from '../ui/Money';
import { Page } from '../ui/Page';
import { StatusBadge } from '../ui/StatusBadge';

const OrderRowFragment = graphql(`
  fragment OrderRow_order on Order {
    id
    status
    createdAt
    total {
      amount
      currency
    }
    items {
      quantity
      book {
        id
        title
      }
    }
  }
`);

const MyOrdersQuery = graphql(`
  query MyOrders($after: String) {
    me {
      id
      orders(first: 10, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            ...OrderRow_order
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** Every status change of any of the viewer's orders, into the cache: the list updates live. */
const MyOrderUpdatesSubscription = graphql(`
  subscription MyOrderUpdates {
    myOrderUpdates {
      id
      ...OrderRow_order
    }
  }
`);

const cancellable = new Set(['PENDING', 'AWAITING_PAYMENT', 'PAID']);

function OrderRow(props: { order: FragmentType<typeof OrderRowFragment> }) {
  const order = getFragmentData(OrderRowFragment, props.order);
  const books = order.items.map((item) => `${item.quantity} × ${item.book.title}`).join(', ');
  return (
    <li className="order-row">
      <div>
        <p>
          <Link to={`/orders/${order.id}`}>Order of {formatDate(order.createdAt)}</Link> <StatusBadge status={order.status} />
        </p>
        <p className="fine-print">{books}</p>
      </div>
      <p className="order-row-total">{order.total ? <Money value={order.total} /> : 'total pending'}</p>
      {cancellable.has(order.status) && <CancelOrder orderId={order.id} label={`${formatDate(order.createdAt)}, ${books}`} />}
    </li>
  );
}

function MyOrders() {
  const { data, error, loading, networkStatus, fetchMore, refetch } = useQuery(MyOrdersQuery, { notifyOnNetworkStatusChange: true });
  const known = new Set(data?.me?.orders?.edges.map((edge) => edge.node.id));
  // A change to an order not in the list (placed in another tab): fetch the list again.
  useSubscription(MyOrderUpdatesSubscription, { onData: ({ data: update }) => update.data && !known.has(update.data.myOrderUpdates.id) && void refetch() });
  if (!data && loading) return <Loading label="Loading your orders…" />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const orders = data?.me?.orders;
  if (!orders || orders.edges.length === 0)
    return (
      <Empty title="No orders yet">
        <p>
          <Link to="/">Browse the catalogue</Link>
        </p>
      </Empty>
    );
  return (
    <>
      <p className="fine-print" role="status">
        {orders.totalCount} {orders.totalCount === 1 ? 'order' : 'orders'}; statuses update as they change.
      </p>
      <ul className="row-list">
        {orders.edges.map((edge) => (
          <OrderRow key={edge.node.id} order={edge.node} />
        ))}
      </ul>
      <LoadMore pageInfo={orders.pageInfo} loading={networkStatus === NetworkStatus.fetchMore} onMore={(after) => void fetchMore({ variables: { after } })} label="More orders" />
    </>
  );
}

export default function MyOrdersPage() {
  return (
    <Page title="Your orders" session>
      <MyOrders />
    </Page>
  );
}
