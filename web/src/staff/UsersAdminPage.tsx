import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useSession } from '../client/ApiProvider';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';
import { profileInput } from '../account/profile-input';
import { ProfileFields, profileFields } from '../account/ProfileFields';
import { ActionForm } from '../ui/actions';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate, humanize } from '../ui/format';
import { ConnectionList } from '../ui/ConnectionList';
import { DataTable, type Column } from '../ui/DataTable';
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

const UpdateUserMutation = graphql(`
  mutation UpdateUser($id: ID!, $input: UpdateProfileInput!) {
    updateUser(id: $id, input: $input) {
      id
      username
      email
      name
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

interface EditableUser {
  id: string;
  username: string;
  email: string;
  name?: string | null;
}

/** ADMIN: another account's name, email and username (only what changed is sent: a taken one is a CONFLICT). */
function EditUser({ user, onDone }: { user: EditableUser; onDone: () => void }) {
  const [form, setForm] = useState({ name: user.name ?? '', email: user.email, username: user.username });
  const [update, state] = useMutation(UpdateUserMutation);
  const run = () => update({ variables: { id: user.id, input: profileInput(form, user) } }).then((result) => result.data && onDone());
  return (
    <ActionForm className="stack-form" aria-label={`Edit ${user.username}`} run={run} state={state} fields={profileFields} submitLabel="Save" busyLabel="Saving…" submitClassName="button small" onCancel={onDone}>
      <ProfileFields form={form} onChange={setForm} error={state.error} />
    </ActionForm>
  );
}

/** The account's username and name, and its edit form in place of them while editing. */
function UserCell({ user }: { user: EditableUser }) {
  const [editing, setEditing] = useState(false);
  if (editing) return <EditUser user={user} onDone={() => setEditing(false)} />;
  return (
    <>
      {user.username}
      {user.name ? <span className="fine-print"> {user.name}</span> : null}{' '}
      <button type="button" className="button link" onClick={() => setEditing(true)} aria-label={`Edit ${user.username}`}>
        Edit
      </button>
    </>
  );
}

type AdminUser = EditableUser & { role: Role; createdAt: string };

/** ADMIN: every account, its name, email and username, and its role. A role change takes effect at once (the old tokens are revoked). */
function UsersAdmin() {
  const session = useSession();
  const query = useQuery(AdminUsersQuery, { notifyOnNetworkStatusChange: true });
  const selfId = session.status === 'signed-in' ? session.user.id : undefined;
  const columns: Column<AdminUser>[] = [
    { header: 'Username', cell: (user) => <UserCell user={user} /> },
    { header: 'Email', cell: (user) => user.email },
    { header: 'Joined', cell: (user) => formatDate(user.createdAt) },
    { header: 'Role', cell: (user) => (user.id === selfId ? humanize(user.role) : <RoleSelect userId={user.id} username={user.username} role={user.role} />) },
  ];
  const users = query.data?.users;
  return (
    <ConnectionList query={query} connection={users} moreLabel="More accounts">
      {(nodes) => (
        <>
          <p className="fine-print">{users?.totalCount} accounts. A changed role applies at once: the account signs in again.</p>
          <DataTable caption="Accounts, oldest first" columns={columns} rows={nodes} />
        </>
      )}
    </ConnectionList>
  );
}

export default function UsersAdminPage() {
  return (
    <Page title="Users" roles={['ADMIN']}>
      <UsersAdmin />
    </Page>
  );
}
