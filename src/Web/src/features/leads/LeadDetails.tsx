import { Link } from 'react-router';
import type { LeadDetail } from '../../api/types';
import { Empty } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { ActivitiesSection } from '../activities/ActivitiesSection';
import { isOwner, useUser } from '../auth/useAuth';
import { LeadPrivacy } from '../privacy/LeadPrivacy';

/** What the leads list shows under a lead, and its panel too: its deals, then its activities; for a Business Owner its LGPD tools. */
export function LeadDetails({ lead }: { lead: LeadDetail }) {
  const { t } = useI18n();
  const owner = isOwner(useUser());
  const deals = lead.deals ?? [];
  return (
    <>
      {deals.length === 0 ? <Empty>{t('board.empty')}</Empty> : (
        <ul className="lead-deals">
          {deals.map((d) => (
            <li key={d.id}><Link to={`/deals/${d.id}`}>{d.title}</Link> · {formatMoney(Number(d.value ?? 0))} · {d.ownerName}</li>
          ))}
        </ul>
      )}
      <ActivitiesSection about={{ leadId: lead.id! }} context={{ lead: { id: lead.id!, name: lead.name ?? '' } }} />
      {owner && <LeadPrivacy lead={lead} />}
    </>
  );
}
