import { fieldErrors } from '../client/errors';
import { TextField } from '../ui/Field';
import type { ProfileForm } from './profile-input';

/** The fields a profile form sends (their BAD_USER_INPUT messages show beside them). */
export const profileFields = ['name', 'email', 'username'];

/**
 * Name, email and username, each with the API's message beside it: the member's own profile
 * (`own`: the browser may fill them in) or an ADMIN's edit of another account.
 */
export function ProfileFields({ form, onChange, error, own = false }: { form: ProfileForm; onChange: (form: ProfileForm) => void; error: unknown; own?: boolean }) {
  const errors = fieldErrors(error);
  const autoComplete = (value: string) => (own ? value : undefined);
  return (
    <>
      <TextField label="Name" autoComplete={autoComplete('name')} value={form.name} onChange={(event) => onChange({ ...form, name: event.target.value })} error={errors['name']} />
      <TextField label="Email" type="email" autoComplete={autoComplete('email')} required value={form.email} onChange={(event) => onChange({ ...form, email: event.target.value })} error={errors['email']} />
      <TextField label="Username" autoComplete={autoComplete('username')} required value={form.username} onChange={(event) => onChange({ ...form, username: event.target.value })} error={errors['username']} />
    </>
  );
}
