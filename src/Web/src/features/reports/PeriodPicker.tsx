import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { periodPresets, type PeriodPreset, type PeriodProblem } from './period';
import { periodText } from './reportNumbers';

const presetLabel: Readonly<Record<PeriodPreset, MessageKey>> = {
  thisMonth: 'report.period.thisMonth',
  lastMonth: 'report.period.lastMonth',
  thisQuarter: 'report.period.thisQuarter',
  thisYear: 'report.period.thisYear',
  custom: 'report.period.custom',
};

const problemText: Readonly<Record<PeriodProblem, MessageKey>> = {
  required: 'srv.required',
  invalid: 'srv.mustBeDate',
  fromAfterTo: 'srv.notAfterTo',
  tooLong: 'srv.periodMax3Years',
};

export interface PeriodPickerProps {
  preset: PeriodPreset;
  from: string;
  to: string;
  problems: Partial<Record<'from' | 'to', PeriodProblem>>;
  /** What the server said of `from` and `to`, already in the user's language. */
  serverErrors: { from?: string[]; to?: string[] };
  onPreset: (preset: PeriodPreset) => void;
  onDates: (dates: { from?: string; to?: string }) => void;
}

/** Este mês, Mês passado, Este trimestre, Este ano, or two typed days. */
export function PeriodPicker({ preset, from, to, problems, serverErrors, onPreset, onDates }: PeriodPickerProps) {
  const { t, locale } = useI18n();
  const errorsOf = (field: 'from' | 'to') => (problems[field] ? [t(problemText[problems[field]])] : serverErrors[field]);
  return (
    <div className="period-picker" data-testid="period-picker">
      <SelectField label={t('report.period')} value={preset} onChange={(e) => onPreset(e.target.value as PeriodPreset)} id="report-period">
        {periodPresets.map((p) => <option key={p} value={p}>{t(presetLabel[p])}</option>)}
      </SelectField>
      {preset === 'custom' ? (
        <>
          <Field label={t('report.from')} type="date" id="report-from" value={from} max={to || undefined} errors={errorsOf('from')}
            onChange={(e) => onDates({ from: e.target.value })} />
          <Field label={t('report.to')} type="date" id="report-to" value={to} min={from || undefined} errors={errorsOf('to')}
            onChange={(e) => onDates({ to: e.target.value })} />
        </>
      ) : (
        <p className="muted period-days" data-testid="period-days">
          {periodText(locale, from, to)}
          {(serverErrors.from ?? serverErrors.to) && <span className="field-error" role="alert"> {[...(serverErrors.from ?? []), ...(serverErrors.to ?? [])].join(' ')}</span>}
        </p>
      )}
    </div>
  );
}
