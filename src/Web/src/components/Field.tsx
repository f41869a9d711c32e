import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  errors?: string[];
  hint?: ReactNode;
}

/** A labelled input with its server validation messages wired through aria-describedby. */
export function Field({ label, errors, hint, id, ...input }: FieldProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const errId = `${inputId}-err`;
  const hintId = `${inputId}-hint`;
  const hasErr = !!errors && errors.length > 0;
  const describedBy = [hasErr ? errId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${hasErr ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} aria-invalid={hasErr || undefined} aria-describedby={describedBy} {...input} />
      {hint && <small id={hintId} className="hint">{hint}</small>}
      {hasErr && (
        <div id={errId} className="field-error" role="alert">
          {errors!.join(' ')}
        </div>
      )}
    </div>
  );
}
