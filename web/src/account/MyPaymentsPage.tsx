import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../gql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDateTime, humanize } from '../ui/format';
import { LoadMore } from '../ui/LoadMore';
import { Empty, Loading } from '../ui/Loading';
import { Money } from '../ui/Money';
import { Page } from '../ui/Page';
import { StatusBadge } from '../ui/StatusBadge';

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
            status
            method
            cardLast4
            failureReason
            createdAt
            amount {
              amount
              currency
            }
            order {
              id
            }
            refunds {
              id
              reason
              createdAt
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
      <div className="table-scroll">
        <table className="list-table">
          <caption className="visually-hidden">Payments and their refunds, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Amount</th>
              <th scope="col">Method</th>
              <th scope="col">Status</th>
              <th scope="col">Refunds</th>
              <th scope="col">Order</th>
            </tr>
          </thead>
          <tbody>
            {payments.edges.map(({ node: payment }) => (
              <tr key={payment.id}>
                <td>{formatDateTime(payment.createdAt)}</td>
                <td>
                  <Money value={payment.amount} />
                </td>
                <td>
                  {humanize(payment.method)}
                  {payment.cardLast4 ? ` ending ${payment.cardLast4}` : ''}
                </td>
                <td>
                  <StatusBadge status={payment.status} />
                  {payment.failureReason && <span className="fine-print"> {payment.failureReason}</span>}
                </td>
                <td>
                  {payment.refunds.length === 0
                    ? '—'
                    : payment.refunds.map((refund) => (
                        <span key={refund.id} className="refund">
                          <Money value={refund.amount} /> on {formatDateTime(refund.createdAt)}
                          {refund.reason ? ` (${refund.reason})` : ''}
                        </span>
                      ))}
                </td>
                <td>
                  <Link to={`/orders/${payment.order.id}`}>View order</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
