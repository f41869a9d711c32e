import type { DealCard } from '../../api/types';
import { useI18n } from '../../i18n';
import { dueLabel } from './activityDates';
import { ActivityIcon, NoActivityIcon } from './ActivityIcon';
import { activityTypeName } from './activityTypeName';
import { needsActivity } from './activityRules';

/**
 * The line of a board card about what happens next: the deal's next activity ("Hoje 14:30", red when overdue), or,
 * for a deal still in play, a quiet "no activity scheduled".
 */
export function NextActivityBadge({ deal, openStage }: { deal: DealCard; openStage: boolean }) {
  const { t, locale } = useI18n();
  const next = deal.nextActivity;
  if (next) {
    const type = activityTypeName(t, { id: next.typeId });
    const when = dueLabel(t, locale, { dueDate: next.dueDate ?? '', dueTime: next.dueTime });
    const label = t(next.overdue ? 'activity.nextOverdueLabel' : 'activity.nextLabel', { type, when });
    return (
      <div className={`card-next${next.overdue ? ' is-overdue' : ''}`} title={label} data-testid="card-next-activity" data-overdue={next.overdue}>
        <ActivityIcon typeId={next.typeId} />
        <span aria-hidden="true">{when}</span>
        <span className="sr-only">{label}</span>
      </div>
    );
  }
  if (!needsActivity(deal, { isTerminal: !openStage })) return null;
  return (
    <div className="card-next is-missing" data-testid="card-no-activity">
      <NoActivityIcon />
      <span>{t('activity.noneScheduled')}</span>
    </div>
  );
}
