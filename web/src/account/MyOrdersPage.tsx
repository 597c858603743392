import { useQuery, useSubscription } from '@apollo/client/react';
import { Link } from 'react-router';
import { CancelOrder } from '../checkout/OrderPage';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { orderBooks, OrderRow, OrderRowFragment } from './OrderRow';
import { formatDate } from '../ui/format';
import { ConnectionList } from '../ui/ConnectionList';
import { Empty } from '../ui/Loading';
import { Page } from '../ui/Page';

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

function MyOrderRow(props: { order: FragmentType<typeof OrderRowFragment> }) {
  const order = getFragmentData(OrderRowFragment, props.order);
  const label = `${formatDate(order.createdAt)}, ${orderBooks(order)}`;
  return (
    <OrderRow order={order} heading={<Link to={`/orders/${order.id}`}>Order of {formatDate(order.createdAt)}</Link>} actions={cancellable.has(order.status) && <CancelOrder orderId={order.id} label={label} />} />
  );
}

function MyOrders() {
  const query = useQuery(MyOrdersQuery, { notifyOnNetworkStatusChange: true });
  const orders = query.data?.me?.orders;
  const known = new Set(orders?.edges.map((edge) => edge.node.id));
  // A change to an order not in the list (placed in another tab): fetch the list again.
  useSubscription(MyOrderUpdatesSubscription, { onData: ({ data: update }) => update.data && !known.has(update.data.myOrderUpdates.id) && void query.refetch() });
  const empty = (
    <Empty title="No orders yet">
      <p>
        <Link to="/">Browse the catalogue</Link>
      </p>
    </Empty>
  );
  return (
    <ConnectionList query={query} connection={orders} loadingLabel="Loading your orders…" empty={empty} moreLabel="More orders">
      {(nodes) => (
        <>
          <p className="fine-print" role="status">
            {orders?.totalCount} {orders?.totalCount === 1 ? 'order' : 'orders'}; statuses update as they change.
          </p>
          <ul className="row-list">
            {nodes.map((node) => (
              <MyOrderRow key={node.id} order={node} />
            ))}
          </ul>
        </>
      )}
    </ConnectionList>
  );
}

export default function MyOrdersPage() {
  return (
    <Page title="Your orders" session>
      <MyOrders />
    </Page>
  );
}
