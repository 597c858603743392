import type { AddressInput } from '../gql/graphql';
import { TextField } from '../ui/Field';

/**
 * A shipping address's fields, for checkout and for changing an order's address. `fieldError`
 * gives the API's message for one field (BAD_USER_INPUT naming e.g. `address.city`).
 */
export function AddressFields({ address, onChange, fieldError }: { address: AddressInput; onChange: (address: AddressInput) => void; fieldError: (name: keyof AddressInput) => string | undefined }) {
  return (
    <>
      <TextField label="Address line 1" name="line1" autoComplete="address-line1" required value={address.line1} onChange={(event) => onChange({ ...address, line1: event.target.value })} error={fieldError('line1')} />
      <TextField label="Address line 2 (optional)" name="line2" autoComplete="address-line2" value={address.line2 ?? ''} onChange={(event) => onChange({ ...address, line2: event.target.value })} error={fieldError('line2')} />
      <TextField label="City" name="city" autoComplete="address-level2" required value={address.city} onChange={(event) => onChange({ ...address, city: event.target.value })} error={fieldError('city')} />
      <TextField label="Postal code" name="postalCode" autoComplete="postal-code" required value={address.postalCode} onChange={(event) => onChange({ ...address, postalCode: event.target.value })} error={fieldError('postalCode')} />
      <TextField
        label="Country code"
        name="country"
        autoComplete="country"
        required
        maxLength={2}
        hint="Two letters, like GB or US."
        value={address.country}
        onChange={(event) => onChange({ ...address, country: event.target.value.toUpperCase() })}
        error={fieldError('country')}
      />
    </>
  );
}
