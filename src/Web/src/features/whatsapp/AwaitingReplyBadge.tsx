import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useMinuteClock } from '../../lib/useMinuteClock';
import { ActivityIcon } from '../activities/ActivityIcon';
import { WHATSAPP_TYPE_ID } from '../activities/activityTypeName';
import { awaitingReplyLabel } from './awaitingReply';

/** "aguardando resposta há 2 h": the lead's last WhatsApp message came in and nobody answered since. */
export function AwaitingReplyBadge({ since, className = '', testId }: { since: string; className?: string; testId: string }) {
  const { t, locale } = useI18n();
  const now = useMinuteClock();
  const label = awaitingReplyLabel(t, since, now);
  return (
    <span className={`awaiting-reply ${className}`} data-testid={testId} title={t('wa.awaitingSince', { when: formatDateTime(since, locale) })}>
      <ActivityIcon typeId={WHATSAPP_TYPE_ID} />
      <time dateTime={since}>{label}</time>
    </span>
  );
}
