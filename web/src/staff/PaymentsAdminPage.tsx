import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { PaymentsTable } from '../account/PaymentsTable';
import { graphql } from '../gql';
import type { PaymentStatus } from '../gql/graphql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDateTime } from '../ui/format';
import { LoadMore } from '../ui/LoadMore';
import { Empty, Loading } from '../ui/Loading';
import { Page } from '../ui/Page';
import { StatusFilter, useStatusParam, type StatusOption } from '../ui/StatusFilter';
import { Refund } from './Refund';

const AdminPaymentsQuery = graphql(`
  query AdminPayments($status: PaymentStatus, $after: String) {
    payments(status: $status, first: 20, after: $after) {
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
`);

const paymentFilters: StatusOption<PaymentStatus>[] = [
  { value: undefined, label: 'All' },
  { value: 'SUCCEEDED', label: 'Succeeded' },
  { value: 'PARTIALLY_REFUNDED', label: 'Partly refunded' },
  { value: 'REFUNDED', label: 'Refunded' },
  { value: 'FAILED', label: 'Failed' },
  { value: 'PENDING', label: 'Pending' },
];

const refundable = new Set(['SUCCEEDED', 'PARTIALLY_REFUNDED']);

/** ADMIN: every payment by status, newest first, refunding those with money left to give back. */
function PaymentsAdmin() {
  const status = useStatusParam(paymentFilters);
  const { data, error, loading, networkStatus, fetchMore, refetch } = useQuery(AdminPaymentsQuery, { variables: { status }, notifyOnNetworkStatusChange: true });
  const payments = data?.payments;
  return (
    <>
      <StatusFilter label="Payments by status" options={paymentFilters} />
      {!data && loading && <Loading label="Loading payments…" />}
      {error && !data && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {payments && payments.edges.length === 0 && <Empty title="No payments here" />}
      {payments && payments.edges.length > 0 && (
        <PaymentsTable
          payments={payments.edges.map((edge) => edge.node)}
          caption="Payments and their refunds, newest first"
          action={{
            header: 'Refund',
            cell: (payment) => (refundable.has(payment.status) ? <Refund paymentId={payment.id} label={`Refund the payment of ${formatDateTime(payment.createdAt)}`} refetch={['AdminPayments']} /> : '—'),
          }}
        />
      )}
      <LoadMore pageInfo={payments?.pageInfo} loading={networkStatus === NetworkStatus.fetchMore} onMore={(after) => void fetchMore({ variables: { after } })} label="More payments" />
    </>
  );
}

export default function PaymentsAdminPage() {
  return (
    <Page title="Payments" roles={['ADMIN']}>
      <PaymentsAdmin />
    </Page>
  );
}
