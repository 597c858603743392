import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { Page } from '../ui/Page';
import { PaymentsList } from './PaymentsList';

const MyPaymentsQuery = graphql(`
  query MyPayments($after: String) {
    me {
      id
      payments(first: 20, after: $after) {
        ...PaymentsList_connection
      }
    }
  }
`);

function MyPayments() {
  const query = useQuery(MyPaymentsQuery, { notifyOnNetworkStatusChange: true });
  return <PaymentsList query={query} connection={query.data?.me?.payments} loadingLabel="Loading your payments…" empty="No payments yet" />;
}

export default function MyPaymentsPage() {
  return (
    <Page title="Payments and refunds" session>
      <MyPayments />
    </Page>
  );
}
