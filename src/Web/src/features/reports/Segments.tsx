import { useId } from 'react';

export interface SegmentOption<T extends string> {
  value: T;
  label: string;
}

/** A choice among a few as a row of radio buttons (arrow keys move between them), like the activity type picker. */
export function Segments<T extends string>({ legend, options, value, onChange, errors, testId }: {
  legend: string;
  options: readonly SegmentOption<T>[];
  value: T;
  onChange: (value: T) => void;
  errors?: string[];
  testId?: string;
}) {
  const name = useId();
  const errId = `${name}-err`;
  return (
    <fieldset className={`field segmented${errors ? ' field-invalid' : ''}`} aria-describedby={errors ? errId : undefined} data-testid={testId}>
      <legend>{legend}</legend>
      <div className="segments">
        {options.map((o) => (
          <label key={o.value} className="segment" data-value={o.value}>
            <input type="radio" className="sr-only" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {errors && <div id={errId} className="field-error" role="alert">{errors.join(' ')}</div>}
    </fieldset>
  );
}
