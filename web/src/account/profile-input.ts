/** A profile form's fields. */
export interface ProfileForm {
  name: string;
  email: string;
  username: string;
}

/**
 * UpdateProfileInput from a profile form (the member's own, or an ADMIN's edit of another
 * account): the name always (blank clears it), the email and username only when changed.
 */
export function profileInput(form: ProfileForm, current: { email: string; username: string }) {
  return { name: form.name.trim() || null, ...(form.email !== current.email ? { email: form.email } : {}), ...(form.username !== current.username ? { username: form.username } : {}) };
}
