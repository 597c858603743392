import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { fieldErrors, formLevelErrors } from '../client/errors';
import { idempotencyKey } from '../client/idempotency';
import { graphql } from '../gql';
import type { PaymentMethod } from '../gql/graphql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { TextField } from '../ui/Field';
import { formatDuration, type MoneyValue } from '../ui/format';
import { Money } from '../ui/Money';
import { useSecondsLeft } from '../ui/useNow';

const PayOrderMutation = graphql(`
  mutation PayOrder($input: PayOrderInput!, $idempotencyKey: String!) {
    payOrder(input: $input, idempotencyKey: $idempotencyKey) {
      id
      status
      cardLast4
      failureReason
    }
  }
`);

const methods: { value: PaymentMethod; label: string }[] = [
  { value: 'CREDIT_CARD', label: 'Credit card' },
  { value: 'DEBIT_CARD', label: 'Debit card' },
  { value: 'PAYPAL', label: 'PayPal' },
  { value: 'BANK_TRANSFER', label: 'Bank transfer' },
];

const cardFields = ['number', 'expMonth', 'expYear', 'cvc'];

/**
 * Paying an order that awaits payment, before its window closes (shown counting down). The
 * same card details sent again keep their idempotency key, so a retry never charges twice.
 */
export function PaymentForm({ orderId, total, dueAt }: { orderId: string; total: MoneyValue | null | undefined; dueAt: string | null | undefined }) {
  const [method, setMethod] = useState<PaymentMethod>('CREDIT_CARD');
  const [card, setCard] = useState({ number: '', expMonth: '', expYear: '', cvc: '' });
  const [pay, { data, loading, error }] = useMutation(PayOrderMutation);
  const secondsLeft = useSecondsLeft(dueAt ? Date.parse(dueAt) : undefined);
  const byCard = method === 'CREDIT_CARD' || method === 'DEBIT_CARD';
  const errors = fieldErrors(error);
  const succeeded = data?.payOrder.status === 'SUCCEEDED';

  const submit = () => {
    const input = {
      orderId,
      method,
      ...(byCard ? { card: { number: card.number, expMonth: Number(card.expMonth), expYear: Number(card.expYear), cvc: card.cvc } } : {}),
    };
    void pay({ variables: { input, idempotencyKey: idempotencyKey(`pay-${orderId}`, input) } }).catch(() => undefined);
  };

  return (
    <section className="box payment-box" aria-labelledby="pay-title">
      <h2 id="pay-title">Pay {total ? <Money value={total} /> : ''}</h2>
      {dueAt && (
        <p className="countdown" aria-live="off">
          {secondsLeft > 0 ? (
            <>
              Pay within <strong>{formatDuration(secondsLeft)}</strong>, or the order is cancelled and the books go back on the shelf.
            </>
          ) : (
            'The payment window has closed.'
          )}
        </p>
      )}
      {succeeded ? (
        <p role="status" className="success">
          Payment accepted{data.payOrder.cardLast4 ? ` (card ending ${data.payOrder.cardLast4})` : ''}. The order turns paid in a moment.
        </p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <fieldset className="field">
            <legend>Payment method</legend>
            <div className="radio-row">
              {methods.map((option) => (
                <label key={option.value} className="radio">
                  <input type="radio" name="method" value={option.value} checked={method === option.value} onChange={() => setMethod(option.value)} /> {option.label}
                </label>
              ))}
            </div>
          </fieldset>
          {byCard && (
            <>
              <TextField
                label="Card number"
                inputMode="numeric"
                autoComplete="cc-number"
                required
                value={card.number}
                onChange={(event) => setCard({ ...card, number: event.target.value })}
                error={errors['input.card.number']}
                hint="Test cards: 4242 4242 4242 4242 is accepted, 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 has insufficient funds."
              />
              <div className="field-row">
                <TextField label="Expiry month" inputMode="numeric" autoComplete="cc-exp-month" placeholder="MM" required value={card.expMonth} onChange={(event) => setCard({ ...card, expMonth: event.target.value })} error={errors['input.card.expMonth']} />
                <TextField label="Expiry year" inputMode="numeric" autoComplete="cc-exp-year" placeholder="YYYY" required value={card.expYear} onChange={(event) => setCard({ ...card, expYear: event.target.value })} error={errors['input.card.expYear']} />
                <TextField label="Security code" inputMode="numeric" autoComplete="cc-csc" required value={card.cvc} onChange={(event) => setCard({ ...card, cvc: event.target.value })} error={errors['input.card.cvc']} />
              </div>
            </>
          )}
          <ErrorNotice errors={formLevelErrors(error, cardFields)} />
          {data?.payOrder.status === 'FAILED' && (
            <p role="alert" className="out-of-stock">
              The payment failed{data.payOrder.failureReason ? `: ${data.payOrder.failureReason}` : '.'}
            </p>
          )}
          <button type="submit" className="button" disabled={loading || (dueAt !== null && dueAt !== undefined && secondsLeft === 0)}>
            {loading ? 'Paying…' : 'Pay now'}
          </button>
        </form>
      )}
    </section>
  );
}
