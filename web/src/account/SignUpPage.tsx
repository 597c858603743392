import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession, useSessionObject } from '../client/ApiProvider';
import { fieldErrors, formLevelErrors } from '../client/errors';
import { graphql } from '../gql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { TextField } from '../ui/Field';
import { usePageTitle } from '../ui/usePageTitle';
import { safeNext } from './SignInPage';

const SignUpMutation = graphql(`
  mutation SignUp($input: RegisterInput!) {
    register(input: $input) {
      ...SessionPayload
    }
  }
`);

const fields = ['email', 'username', 'password', 'name'];

export default function SignUpPage() {
  usePageTitle('Create an account');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const sessionObject = useSessionObject();
  const navigate = useNavigate();
  const [form, setForm] = useState({ email: '', username: '', name: '', password: '' });
  const [register, { loading, error }] = useMutation(SignUpMutation);
  if (session.status === 'signed-in' && !loading) return <Navigate to={next} replace />;
  const errors = fieldErrors(error);
  return (
    <div className="page narrow">
      <h1>Create an account</h1>
      <form
        className="stack-form"
        onSubmit={(event) => {
          event.preventDefault();
          void register({ variables: { input: { ...form, name: form.name.trim() || null } } })
            .then((result) => {
              if (!result.data) return;
              sessionObject.accept(result.data.register);
              void navigate(next, { replace: true });
            })
            .catch(() => undefined);
        }}
      >
        <TextField label="Email" type="email" name="email" autoComplete="email" required value={form.email} onChange={(event) => setForm({ ...form, email: event.target.value })} error={errors['email']} />
        <TextField label="Username" name="username" autoComplete="username" required value={form.username} onChange={(event) => setForm({ ...form, username: event.target.value })} error={errors['username']} hint="Letters, digits and underscores." />
        <TextField label="Name (optional)" name="name" autoComplete="name" value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} error={errors['name']} />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={(event) => setForm({ ...form, password: event.target.value })}
          error={errors['password']}
          hint="A long passphrase is best; common passwords are refused."
        />
        <ErrorNotice errors={formLevelErrors(error, fields)} />
        <button type="submit" className="button" disabled={loading}>
          {loading ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p>
        Have an account? <Link to={`/sign-in${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>Sign in</Link>
      </p>
    </div>
  );
}
