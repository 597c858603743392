import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { RequireSession } from '../app/RequireSession';
import { useSession, useSessionObject } from '../client/ApiProvider';
import { fieldErrors } from '../client/errors';
import { getFragmentData, graphql } from '../gql';
import { SessionUserFragment } from '../client/session';
import { profileInput } from './profile-input';
import { ProfileFields, profileFields } from './ProfileFields';
import { ActionForm } from '../ui/actions';
import { TextField } from '../ui/Field';
import { humanize } from '../ui/format';
import { SubNav } from '../ui/SubNav';
import { usePageTitle } from '../ui/usePageTitle';

const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      ...SessionUser
    }
  }
`);

const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

/** The member's other pages. */
const accountLinks = [
  { to: '/account/orders', label: 'Orders' },
  { to: '/account/payments', label: 'Payments and refunds' },
  { to: '/account/reviews', label: 'Reviews' },
  { to: '/library/loans', label: 'Loans' },
  { to: '/library/holds', label: 'Holds' },
];

function Profile() {
  const session = useSession();
  const sessionObject = useSessionObject();
  const user = session.status === 'signed-in' ? session.user : undefined;
  const [form, setForm] = useState({ name: user?.name ?? '', email: user?.email ?? '', username: user?.username ?? '' });
  const [update, state] = useMutation(UpdateProfileMutation);
  if (!user) return null;
  const run = () => update({ variables: { input: profileInput(form, user) } }).then((result) => result.data && sessionObject.updateUser(getFragmentData(SessionUserFragment, result.data.updateProfile)));
  return (
    <ActionForm className="stack-form" aria-labelledby="profile-title" run={run} state={state} fields={profileFields} done={state.data && !state.loading && 'Profile saved.'} submitLabel="Save profile" busyLabel="Saving…">
      <h2 id="profile-title">Profile</h2>
      <p>
        Role: <strong>{humanize(user.role)}</strong>
      </p>
      <ProfileFields form={form} onChange={setForm} error={state.error} own />
    </ActionForm>
  );
}

function Password() {
  const sessionObject = useSessionObject();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [change, state] = useMutation(ChangePasswordMutation);
  const errors = fieldErrors(state.error);
  const run = () =>
    change({ variables: { currentPassword: current, newPassword: next } }).then((result) => {
      if (!result.data?.changePassword) return;
      // A new password revokes every refresh token, this tab's too: sign in again.
      sessionObject.end('expired');
      void navigate('/sign-in?next=/account', { replace: true });
    });
  return (
    <ActionForm className="stack-form" aria-labelledby="password-title" run={run} state={state} fields={['currentPassword', 'newPassword']} submitLabel="Change password" busyLabel="Changing…">
      <h2 id="password-title">Password</h2>
      <TextField label="Current password" type="password" autoComplete="current-password" required value={current} onChange={(event) => setCurrent(event.target.value)} error={errors['currentPassword']} />
      <TextField label="New password" type="password" autoComplete="new-password" required value={next} onChange={(event) => setNext(event.target.value)} error={errors['newPassword']} hint="Changing it signs you out everywhere." />
    </ActionForm>
  );
}

/** The member's id, which the library desk asks for to lend them a book. */
function LibraryCard() {
  const session = useSession();
  if (session.status !== 'signed-in') return null;
  return (
    <p>
      Library card number (the desk asks for it): <code>{session.user.id}</code>
    </p>
  );
}

function SignOut() {
  const sessionObject = useSessionObject();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      className="button secondary"
      onClick={() => {
        void sessionObject.signOut();
        void navigate('/', { replace: true });
      }}
    >
      Sign out
    </button>
  );
}

export default function AccountPage() {
  usePageTitle('Your account');
  return (
    <div className="page">
      <h1>Your account</h1>
      <RequireSession>
        <SubNav label="Account" links={accountLinks} />
        <div className="two-columns">
          <Profile />
          <Password />
        </div>
        <LibraryCard />
        <SignOut />
      </RequireSession>
    </div>
  );
}
