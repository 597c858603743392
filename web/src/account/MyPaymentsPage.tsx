import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { LoadMore } from '../ui/LoadMore';
import { Empty, Loading } from '../ui/Loading';
import { Page } from '../ui/Page';
import { PaymentsTable } from './PaymentsTable';

const MyPaymentsQuery = graphql(`
  query MyPayments($after: String) {
    me {
      id
      payments(first: 20, after: $after) {
        totalCount
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
    }
  }
`);

function MyPayments() {
  const { data, error, loading, networkStatus, fetchMore, refetch } = useQuery(MyPaymentsQuery, { notifyOnNetworkStatusChange: true });
  if (!data && loading) return <Loading label="Loading your payments…" />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const payments = data?.me?.payments;
  if (!payments || payments.edges.length === 0) return <Empty title="No payments yet" />;
  return (
    <>
      <PaymentsTable payments={payments.edges.map((edge) => edge.node)} caption="Payments and their refunds, newest first" />
      <LoadMore pageInfo={payments.pageInfo} loading={networkStatus === NetworkStatus.fetchMore} onMore={(after) => void fetchMore({ variables: { after } })} label="More payments" />
    </>
  );
}

export default function MyPaymentsPage() {
  return (
    <Page title="Payments and refunds" session>
      <MyPayments />
    </Page>
  );
}
