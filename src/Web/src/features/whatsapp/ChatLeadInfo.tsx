import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, type To } from 'react-router';
import { refreshQueries } from '../../api/refreshQueries';
import type { Chat, Lead } from '../../api/types';
import { Alert } from '../../components/States';
import { useI18n } from '../../i18n';
import { LeadForm } from '../leads/LeadForm';

/**
 * The head of an open chat: who it is in the CRM (the lead, linked, with its open deals) and the contact's WhatsApp
 * profile name; a number that is no lead offers to create one, its name and phone filled in (the e-mail is asked).
 */
export function ChatLeadInfo({ phone, chat, dealLink }: { phone: string; chat: Chat | null; dealLink: (dealId: number) => To }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Lead | null>(null);
  const lead = chat?.lead ?? null;
  const title = lead?.name || chat?.name || phone;
  const digits = phone.replace(/\D/g, '');
  return (
    <div className="chat-head" data-testid="wa-chat-head">
      <h2>{title}{title !== phone && <span className="muted"> · {phone}</span>}</h2>
      {lead && chat?.name && chat.name !== lead.name && <p className="muted chat-profile">{t('wa.profileName', { name: chat.name })}</p>}
      {lead && (
        <dl className="chat-crm">
          <dt>{t('leads.panel')}</dt>
          <dd><Link to={`/leads/${lead.id}`} data-testid="wa-chat-lead-link">{lead.name}</Link></dd>
          <dt>{t('wa.openDeals')}</dt>
          <dd>
            {lead.openDeals.length === 0 ? t('wa.noOpenDeals') : (
              <ul className="chat-deals">
                {lead.openDeals.map((d) => <li key={d.id}><Link to={dealLink(d.id)} data-testid="wa-chat-deal-link">{d.title}</Link></li>)}
              </ul>
            )}
          </dd>
        </dl>
      )}
      {!lead && chat && !created && (
        <div className="chat-no-lead">
          <span>{t('wa.notALead')}</span>
          <button type="button" onClick={() => setCreating(true)} data-testid="wa-create-lead">{t('wa.createLead')}</button>
        </div>
      )}
      {!lead && created && (
        <Alert kind="success">{t('wa.leadCreated')} <Link to={`/leads/${created.id}`} data-testid="wa-chat-lead-link">{created.name}</Link></Alert>
      )}
      {creating && (
        <LeadForm lead={null} initial={{ name: chat?.name ?? '', phone: digits ? `+${digits}` : '' }} onClose={() => setCreating(false)}
          onSaved={(saved) => { setCreated(saved); void refreshQueries(qc, ['wa', 'chats']); }} />
      )}
    </div>
  );
}
