import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useSession } from '../client/ApiProvider';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate, humanize } from '../ui/format';
import { LoadMore } from '../ui/LoadMore';
import { Loading } from '../ui/Loading';
import { Page } from '../ui/Page';

const AdminUsersQuery = graphql(`
  query AdminUsers($after: String) {
    users(first: 50, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          username
          email
          name
          role
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const SetUserRoleMutation = graphql(`
  mutation SetUserRole($userId: ID!, $role: Role!) {
    setUserRole(userId: $userId, role: $role) {
      id
      role
    }
  }
`);

const roles: Role[] = ['CUSTOMER', 'LIBRARIAN', 'ADMIN'];

function RoleSelect({ userId, username, role }: { userId: string; username: string; role: Role }) {
  const [setRole, { loading, error }] = useMutation(SetUserRoleMutation);
  return (
    <>
      <label className="visually-hidden" htmlFor={`role-${userId}`}>
        Role of {username}
      </label>
      <select id={`role-${userId}`} value={role} disabled={loading} onChange={(event) => void setRole({ variables: { userId, role: event.target.value as Role } }).catch(() => undefined)}>
        {roles.map((each) => (
          <option key={each} value={each}>
            {humanize(each)}
          </option>
        ))}
      </select>
      <ErrorNotice error={error} />
    </>
  );
}

/** ADMIN: every account and its role. A role change takes effect at once (the old tokens are revoked). */
function UsersAdmin() {
  const session = useSession();
  const { data, error, loading, networkStatus, fetchMore, refetch } = useQuery(AdminUsersQuery, { notifyOnNetworkStatusChange: true });
  if (!data && loading) return <Loading />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const users = data?.users;
  return (
    <>
      <p className="fine-print">{users?.totalCount} accounts. A changed role applies at once: the account signs in again.</p>
      <div className="table-scroll">
        <table className="list-table">
          <caption className="visually-hidden">Accounts, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Email</th>
              <th scope="col">Joined</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {users?.edges.map(({ node: user }) => (
              <tr key={user.id}>
                <td>
                  {user.username}
                  {user.name ? <span className="fine-print"> {user.name}</span> : null}
                </td>
                <td>{user.email}</td>
                <td>{formatDate(user.createdAt)}</td>
                <td>{session.status === 'signed-in' && session.user.id === user.id ? humanize(user.role) : <RoleSelect userId={user.id} username={user.username} role={user.role} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore pageInfo={users?.pageInfo} loading={networkStatus === NetworkStatus.fetchMore} onMore={(after) => void fetchMore({ variables: { after } })} label="More accounts" />
    </>
  );
}

export default function UsersAdminPage() {
  return (
    <Page title="Users" roles={['ADMIN']}>
      <UsersAdmin />
    </Page>
  );
}
