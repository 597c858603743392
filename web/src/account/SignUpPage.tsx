import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { fieldErrors } from '../client/errors';
import { graphql } from '../gql';
import { TextField } from '../ui/Field';
import { AuthPage } from './AuthPage';

const SignUpMutation = graphql(`
  mutation SignUp($input: RegisterInput!) {
    register(input: $input) {
      ...SessionPayload
    }
  }
`);

const fields = ['email', 'username', 'password', 'name'];

export default function SignUpPage() {
  const [form, setForm] = useState({ email: '', username: '', name: '', password: '' });
  const [register, state] = useMutation(SignUpMutation);
  const errors = fieldErrors(state.error);
  return (
    <AuthPage
      title="Create an account"
      send={() => register({ variables: { input: { ...form, name: form.name.trim() || null } } }).then((result) => result.data?.register)}
      state={state}
      fields={fields}
      submitLabel="Create account"
      busyLabel="Creating your account…"
      other={{ question: 'Have an account?', path: '/sign-in', label: 'Sign in' }}
    >
      <TextField label="Email" type="email" name="email" autoComplete="email" required value={form.email} onChange={(event) => setForm({ ...form, email: event.target.value })} error={errors['email']} />
      <TextField label="Username" name="username" autoComplete="username" required value={form.username} onChange={(event) => setForm({ ...form, username: event.target.value })} error={errors['username']} hint="Letters, digits and underscores." />
      <TextField label="Name (optional)" name="name" autoComplete="name" value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} error={errors['name']} />
      <TextField label="Password" type="password" name="password" autoComplete="new-password" required value={form.password} onChange={(event) => setForm({ ...form, password: event.target.value })} error={errors['password']} hint="A long passphrase is best; common passwords are refused." />
    </AuthPage>
  );
}
