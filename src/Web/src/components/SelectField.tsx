import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  errors?: string[];
  hint?: ReactNode;
  children: ReactNode;
}

/** A labelled select with its messages wired through aria-describedby, as Field does for inputs. */
export function SelectField({ label, errors, hint, id, children, ...select }: SelectFieldProps) {
  const auto = useId();
  const selectId = id ?? auto;
  const errId = `${selectId}-err`;
  const hintId = `${selectId}-hint`;
  const hasErr = !!errors && errors.length > 0;
  const describedBy = [hasErr ? errId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${hasErr ? ' field-invalid' : ''}`}>
      <label htmlFor={selectId}>{label}</label>
      <select id={selectId} aria-invalid={hasErr || undefined} aria-describedby={describedBy} {...select}>{children}</select>
      {hint && <small id={hintId} className="hint">{hint}</small>}
      {hasErr && <div id={errId} className="field-error" role="alert">{errors!.join(' ')}</div>}
    </div>
  );
}
