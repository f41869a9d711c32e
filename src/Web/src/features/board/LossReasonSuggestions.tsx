import { useId } from 'react';
import { useI18n } from '../../i18n';
import { foldReason } from './suggestedLossReasons';
import { useLossReasonSuggestions } from './useLossReasonSuggestions';

/** Clickable reasons under a loss-reason field: a click fills the field; typing something else still works. */
export function LossReasonSuggestions({ value, onPick }: { value: string; onPick: (reason: string) => void }) {
  const { t } = useI18n();
  const labelId = useId();
  const reasons = useLossReasonSuggestions();
  const current = foldReason(value);
  return (
    <div className="chips" role="group" aria-labelledby={labelId} data-testid="loss-reason-suggestions">
      <span id={labelId} className="chips-label">{t('lossReason.suggestions')}</span>
      {reasons.map((r) => (
        <button key={r} type="button" className="chip" aria-pressed={foldReason(r) === current} data-testid="loss-reason-chip" onClick={() => onPick(r)}>
          {r}
        </button>
      ))}
    </div>
  );
}
