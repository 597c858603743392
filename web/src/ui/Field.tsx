import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldProps {
  label: string;
  /** The API's message for this field (BAD_USER_INPUT with `extensions.field`). */
  error?: string | undefined;
  hint?: ReactNode;
}

/** What the control gets so its label, hint and error are read with it. */
interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A labelled control whose error, when the API names it, sits beside it and is read with it. */
function Field({ label, error, hint, control }: FieldProps & { control: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({ label, error, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return <Field label={label} error={error} hint={hint} control={(props) => <input {...input} {...props} />} />;
}

export function TextAreaField({ label, error, hint, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <Field label={label} error={error} hint={hint} control={(props) => <textarea {...input} {...props} />} />;
}

export function SelectField({ label, error, hint, ...select }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return <Field label={label} error={error} hint={hint} control={(props) => <select {...select} {...props} />} />;
}
