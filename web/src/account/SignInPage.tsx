import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useSession } from '../client/ApiProvider';
import { fieldErrors } from '../client/errors';
import { graphql } from '../gql';
import { TextField } from '../ui/Field';
import { AuthPage } from './AuthPage';

const SignInMutation = graphql(`
  mutation SignIn($input: LoginInput!) {
    login(input: $input) {
      ...SessionPayload
    }
  }
`);

export default function SignInPage() {
  const session = useSession();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [signIn, state] = useMutation(SignInMutation);
  const errors = fieldErrors(state.error);
  return (
    <AuthPage
      title="Sign in"
      send={() => signIn({ variables: { input: { login, password } } }).then((result) => result.data?.login)}
      state={state}
      fields={['login', 'password']}
      submitLabel="Sign in"
      busyLabel="Signing in…"
      notice={session.status === 'anonymous' && session.reason === 'expired' && <p className="notice">Your session has ended. Please sign in again.</p>}
      other={{ question: 'New here?', path: '/sign-up', label: 'Create an account' }}
    >
      <TextField label="Username or email" name="username" autoComplete="username" required value={login} onChange={(event) => setLogin(event.target.value)} error={errors['login']} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} error={errors['password']} />
    </AuthPage>
  );
}
