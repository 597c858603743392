import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { fieldErrors, formLevelErrors } from '../client/errors';
import { graphql } from '../gql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { TextField } from '../ui/Field';
import { Money } from '../ui/Money';

const RefundPaymentMutation = graphql(`
  mutation RefundPayment($paymentId: ID!, $amount: String, $reason: String) {
    refundPayment(paymentId: $paymentId, amount: $amount, reason: $reason) {
      id
      amount {
        amount
        currency
      }
    }
  }
`);

/** ADMIN: refunding a payment, all that is left or an amount, from the orders or the payments list. */
export function Refund({ paymentId, label, refetch }: { paymentId: string; label: string; refetch: string[] }) {
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [refund, { data, loading, error }] = useMutation(RefundPaymentMutation, { refetchQueries: refetch });
  if (data) return <p role="status">Refunded <Money value={data.refundPayment.amount} />.</p>;
  if (!open)
    return (
      <button type="button" className="button secondary small" onClick={() => setOpen(true)} aria-label={label}>
        Refund
      </button>
    );
  const errors = fieldErrors(error);
  return (
    <form
      className="refund-form"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        void refund({ variables: { paymentId, amount: amount.trim() || null, reason: reason.trim() || null } }).catch(() => undefined);
      }}
    >
      <TextField label="Amount" inputMode="decimal" hint="Empty refunds the rest." value={amount} onChange={(event) => setAmount(event.target.value)} error={errors['amount']} />
      <TextField label="Reason" value={reason} onChange={(event) => setReason(event.target.value)} error={errors['reason']} />
      <ErrorNotice errors={formLevelErrors(error, ['amount', 'reason'])} />
      <button type="submit" className="button small" disabled={loading}>
        Refund payment
      </button>
    </form>
  );
}
