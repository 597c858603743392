import { useQuery } from '@apollo/client/react';
import { PaymentsList } from '../account/PaymentsList';
import { graphql } from '../gql';
import type { PaymentStatus } from '../gql/graphql';
import { formatDateTime } from '../ui/format';
import { Page } from '../ui/Page';
import { StatusFilter, useStatusParam, type StatusOption } from '../ui/StatusFilter';
import { Refund } from './Refund';

const AdminPaymentsQuery = graphql(`
  query AdminPayments($status: PaymentStatus, $after: String) {
    payments(status: $status, first: 20, after: $after) {
      ...PaymentsList_connection
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
  const query = useQuery(AdminPaymentsQuery, { variables: { status }, notifyOnNetworkStatusChange: true });
  return (
    <>
      <StatusFilter label="Payments by status" options={paymentFilters} />
      <PaymentsList
        query={query}
        connection={query.data?.payments}
        loadingLabel="Loading payments…"
        empty="No payments here"
        action={{ header: 'Refund', cell: (payment) => (refundable.has(payment.status) ? <Refund paymentId={payment.id} label={`Refund the payment of ${formatDateTime(payment.createdAt)}`} refetch={['AdminPayments']} /> : '—') }}
      />
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
