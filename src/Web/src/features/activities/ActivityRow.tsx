import { Link, type To } from 'react-router';
import type { Activity } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatDateTime, formatRelative } from '../../lib/format';
import { dueLabel, timeText, type Day } from './activityDates';
import { ActivityIcon } from './ActivityIcon';
import { WHATSAPP_TYPE_ID, activityTypeName } from './activityTypeName';
import { whatsAppPath } from './activityRules';
import { AwaitingReplyBadge } from '../whatsapp/AwaitingReplyBadge';

export interface RowShows {
  /** The lead's name as a link to it (and its phone). */
  lead?: boolean;
  /** Where the deal's title leads; no link when absent. */
  dealLink?: (dealId: number) => To;
  /** Whose activity it is (a business owner sees everyone's). */
  owner?: boolean;
  /** The time alone (the agenda heads each day) rather than "Hoje 14:30", "12/12". */
  timeOnly?: boolean;
}

/** One activity in a list: done checkbox, type, subject, when, whom it is about, and what can be done to it. */
export function ActivityRow({ activity: a, today, shows, busy, isNext, onToggle, onEdit, onDelete, onOutcome }: {
  activity: Activity;
  today: Day;
  shows: RowShows;
  busy?: boolean;
  /** The deal's or lead's next activity, marked as such. */
  isNext?: boolean;
  onToggle: () => void;
  onEdit: () => void;
  onDelete: () => void;
  onOutcome?: () => void;
}) {
  const { t, locale } = useI18n();
  const when = shows.timeOnly ? (a.dueTime ? timeText(locale, a.dueTime) : t('activity.allDay')) : dueLabel(t, locale, { dueDate: a.dueDate ?? '', dueTime: a.dueTime }, today);
  const phone = a.lead?.phone;
  const whatsApp = a.type?.id === WHATSAPP_TYPE_ID && !a.done ? whatsAppPath(phone) : null;
  return (
    <li className={`activity-row${a.overdue && !a.done ? ' is-overdue' : ''}${a.done ? ' is-done' : ''}`} data-activity-id={a.id} data-testid="activity-row">
      <input type="checkbox" className="activity-check" checked={!!a.done} disabled={busy} onChange={onToggle}
        aria-label={t('activity.doneLabel', { subject: a.subject ?? '' })} />
      <div className="activity-main">
        <div className="activity-head">
          <span className="activity-type"><ActivityIcon typeId={a.type?.id} /> {activityTypeName(t, a.type)}</span>
          <span className="activity-subject">{a.subject}</span>
          {isNext && <span className="tag-next">{t('activity.next')}</span>}
        </div>
        <div className="activity-meta">
          <span className="activity-when">{when}</span>
          {a.overdue && !a.done && <span className="tag-overdue">{t('activity.overdue')}</span>}
          {shows.lead && <Link to={`/leads/${a.lead?.id}`} className="activity-lead">{a.lead?.name}</Link>}
          {shows.lead && a.lead?.awaitingReplySince && <AwaitingReplyBadge since={a.lead.awaitingReplySince} testId="activity-awaiting-reply" />}
          {a.deal && (shows.dealLink
            ? <Link to={shows.dealLink(a.deal.id!)} className="activity-deal">{a.deal.title}</Link>
            : null)}
          {shows.lead && phone && <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} className="activity-phone">{phone}</a>}
          {whatsApp && (
            <Link to={whatsApp} className="activity-whatsapp" aria-label={t('activity.whatsappWith', { name: a.lead?.name ?? '' })} data-testid="activity-whatsapp">
              <ActivityIcon typeId={WHATSAPP_TYPE_ID} /> {t('activityType.WhatsApp')}
            </Link>
          )}
          {shows.owner && <span className="activity-owner">{t('activity.ownerIs', { name: a.owner?.name ?? '' })}</span>}
          {a.durationMinutes != null && <span>{t('activity.minutes', { n: a.durationMinutes })}</span>}
        </div>
        {a.notes && <p className="activity-notes">{a.notes}</p>}
        {a.done && a.doneAt && (
          <p className="activity-done-by">
            <time dateTime={a.doneAt} title={formatDateTime(a.doneAt, locale)}>
              {t('activity.doneBy', { when: formatRelative(a.doneAt, locale), name: a.doneBy?.name ?? '' })}
            </time>
          </p>
        )}
        {a.outcome && <p className="activity-outcome">{t('activity.outcomeIs', { outcome: a.outcome })}</p>}
      </div>
      <div className="row-actions">
        {onOutcome && !a.done && (
          <button type="button" onClick={onOutcome} disabled={busy} aria-label={t('activity.completeNamed', { subject: a.subject ?? '' })}>{t('activity.completeWith')}</button>
        )}
        <button type="button" onClick={onEdit} aria-label={t('activity.editNamed', { subject: a.subject ?? '' })}>{t('common.edit')}</button>
        <button type="button" className="danger" onClick={onDelete} aria-label={t('activity.deleteNamed', { subject: a.subject ?? '' })}>{t('common.delete')}</button>
      </div>
    </li>
  );
}
