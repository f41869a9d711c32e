import { useId } from 'react';
import { useI18n } from '../../i18n';
import { ActivityIcon } from './ActivityIcon';
import { activityTypeName } from './activityTypeName';
import { useActivityTypes } from './hooks';

/** The type as a row of radio buttons, each with its icon and name (arrow keys move between them). */
export function ActivityTypePicker({ value, onChange, errors }: { value: string; onChange: (id: string) => void; errors?: string[] }) {
  const { t } = useI18n();
  const types = useActivityTypes();
  const name = useId();
  const errId = `${name}-err`;
  return (
    <fieldset className={`field segmented${errors ? ' field-invalid' : ''}`} aria-describedby={errors ? errId : undefined}>
      <legend>{t('activity.type')}</legend>
      <div className="segments">
        {(types.data ?? []).map((type) => (
          <label key={type.id} className="segment" data-type-id={type.id}>
            <input type="radio" className="sr-only" name={name} value={type.id} checked={value === String(type.id)} onChange={() => onChange(String(type.id))} />
            <ActivityIcon typeId={type.id} />
            <span>{activityTypeName(t, type)}</span>
          </label>
        ))}
      </div>
      {errors && <div id={errId} className="field-error" role="alert">{errors.join(' ')}</div>}
    </fieldset>
  );
}
