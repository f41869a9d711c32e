import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { LeadDetail } from '../../api/types';
import { ErrorBox, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { LeadConversation } from '../whatsapp/LeadConversation';
import { LeadDetails } from './LeadDetails';

/** A lead on its own (/leads/:leadId), over the leads list: how to reach it, its deals and its activities. */
export function LeadPanel({ leadId, onClose }: { leadId: number; onClose: () => void }) {
  const { t } = useI18n();
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  const lead = useQuery({ queryKey: ['lead', leadId], queryFn: () => api<LeadDetail>(`/api/leads/${leadId}`) });
  const close = useRef(onClose);
  useEffect(() => { close.current = onClose; });
  useEffect(() => {
    ref.current?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape' && !document.querySelector('.backdrop .dialog')) close.current(); };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const phoneDigits = (lead.data?.phone ?? '').replace(/\D/g, '');
  return (
    <>
      <div className="drawer-backdrop" onClick={onClose} />
      <aside ref={ref} className="drawer" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} data-testid="lead-panel">
        <div className="dialog-head">
          <h2 id={titleId}>{lead.data?.name || t('leads.panel')}</h2>
          <button type="button" className="icon" onClick={onClose} aria-label={t('common.close')}>×</button>
        </div>
        {lead.isPending && <Loading />}
        {lead.isError && <ErrorBox error={lead.error} onRetry={() => lead.refetch()} />}
        {lead.data && (
          <div className="drawer-body">
            <p className="muted wrap">
              {lead.data.email}
              {lead.data.phone && <> · <a href={`tel:${lead.data.phone.replace(/[^\d+]/g, '')}`}>{lead.data.phone}</a></>}
              {phoneDigits && <> · <Link to={`/whatsapp?phone=${phoneDigits}`}>{t('leads.whatsapp')}</Link></>}
            </p>
            <p className="muted">{t('leads.owner')}: {lead.data.ownerName}</p>
            <LeadConversation lead={{ id: lead.data.id!, name: lead.data.name ?? '', email: lead.data.email ?? '', phone: lead.data.phone ?? null }} />
            <LeadDetails lead={lead.data} />
          </div>
        )}
      </aside>
    </>
  );
}
