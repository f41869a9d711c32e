import { useId } from 'react';
import type { StageDuration } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatDays } from '../../lib/format';
import { useStages } from '../board/hooks';
import { stageName } from '../board/stageName';

/** "Dias por etapa": how long the deal stayed in each stage it was in, in the order it first got there. */
export function StageDurations({ durations }: { durations: readonly StageDuration[] }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const stages = useStages();
  if (durations.length === 0) return null;
  const longest = Math.max(...durations.map((d) => d.days), 0.1);
  const nameOf = (id: number) => {
    const stage = stages.data?.find((s) => s.id === id);
    return stage ? stageName(t, stage) : t('timeline.unknownStage');
  };
  return (
    <div className="stage-durations" data-testid="stage-durations">
      <h4 id={headingId} className="activity-group">{t('timeline.daysPerStage')}</h4>
      <ul aria-labelledby={headingId}>
        {durations.map((d) => (
          <li key={d.stageId} data-testid="stage-duration" data-stage-id={d.stageId}>
            <span className="sd-name">{nameOf(d.stageId)}</span>
            <span className="sd-bar" aria-hidden="true"><span style={{ width: `${Math.max(2, (d.days / longest) * 100)}%` }} /></span>
            <span className="sd-days">{d.days === 1 ? t('timeline.oneDay') : t('timeline.days', { days: formatDays(d.days, locale) })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
