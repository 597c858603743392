import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { fieldErrors } from '../client/errors';
import { graphql } from '../gql';
import { ActionForm } from '../ui/actions';
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
  const [refund, state] = useMutation(RefundPaymentMutation, { refetchQueries: refetch });
  if (state.data) return <p role="status">Refunded <Money value={state.data.refundPayment.amount} />.</p>;
  if (!open)
    return (
      <button type="button" className="button secondary small" onClick={() => setOpen(true)} aria-label={label}>
        Refund
      </button>
    );
  const errors = fieldErrors(state.error);
  const run = () => refund({ variables: { paymentId, amount: amount.trim() || null, reason: reason.trim() || null } });
  return (
    <ActionForm className="refund-form" aria-label={label} run={run} state={state} fields={['amount', 'reason']} submitLabel="Refund payment" submitClassName="button small">
      <TextField label="Amount" inputMode="decimal" hint="Empty refunds the rest." value={amount} onChange={(event) => setAmount(event.target.value)} error={errors['amount']} />
      <TextField label="Reason" value={reason} onChange={(event) => setReason(event.target.value)} error={errors['reason']} />
    </ActionForm>
  );
}
