import type { ButtonHTMLAttributes, FormHTMLAttributes, ReactNode } from 'react';
import { formLevelErrors } from '../client/errors';
import { ErrorNotice } from './ErrorNotice';

/** Where a mutation stands: `useMutation`'s result has these two. */
export interface ActionState {
  loading: boolean;
  error?: unknown;
}

/**
 * Runs an action whose failure the page shows from the mutation's state (ErrorNotice reads the
 * error codes): the rejected promise is already reported there, so it is not raised again.
 */
export function attempt(run: () => Promise<unknown>): void {
  void run().catch(() => undefined);
}

type ActionButtonProps = {
  run: () => Promise<unknown>;
  state: ActionState;
  /** Shown while the action runs ("Returning…"); the label stays when absent. */
  busyLabel?: string;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'type'>;

/** A button that runs one mutation: disabled while it runs, its errors (by code) beside it. */
export function ActionButton({ run, state, busyLabel, children, className = 'button', disabled, ...button }: ActionButtonProps) {
  return (
    <>
      <button type="button" className={className} disabled={state.loading || disabled} onClick={() => attempt(run)} {...button}>
        {state.loading && busyLabel ? busyLabel : children}
      </button>
      <ErrorNotice error={state.error} />
    </>
  );
}

type ActionFormProps = {
  run: () => Promise<unknown>;
  state: ActionState;
  /** The fields that show their own BAD_USER_INPUT message; every other error shows above the button. */
  fields?: readonly string[] | undefined;
  submitLabel: string;
  busyLabel?: string;
  submitClassName?: string;
  submitDisabled?: boolean;
  /** A success line, announced (`role="status"`), shown above the button. */
  done?: ReactNode;
  /** A "Cancel" beside the submit button that closes the form without sending it. */
  onCancel?: () => void;
  cancelLabel?: string;
  children: ReactNode;
} & Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'children'>;

/**
 * A form that sends one mutation: its fields (children), the errors no field shows, a success
 * line, the submit button (disabled while sending) and an optional cancel.
 */
export function ActionForm({ run, state, fields = [], submitLabel, busyLabel, submitClassName = 'button', submitDisabled, done, onCancel, cancelLabel = 'Cancel', children, ...form }: ActionFormProps) {
  return (
    <form
      {...form}
      onSubmit={(event) => {
        event.preventDefault();
        attempt(run);
      }}
    >
      {children}
      <ErrorNotice errors={formLevelErrors(state.error, fields)} />
      {done && (
        <p role="status" className="success">
          {done}
        </p>
      )}
      <button type="submit" className={submitClassName} disabled={state.loading || submitDisabled}>
        {state.loading && busyLabel ? busyLabel : submitLabel}
      </button>
      {onCancel && (
        <>
          {' '}
          <button type="button" className="button link" onClick={onCancel}>
            {cancelLabel}
          </button>
        </>
      )}
    </form>
  );
}
