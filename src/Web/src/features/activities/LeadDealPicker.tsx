import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Lead, LeadDetail, Paged } from '../../api/types';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { useI18n } from '../../i18n';

/**
 * Whom an activity is about, when the form was not opened from a deal or a lead: a lead found by name, e-mail or phone
 * (GET /api/leads?search=), then, if the user wants, one of that lead's deals. `lead` given: only its deals are asked.
 */
export function LeadDealPicker({ lead, leadId, dealId, onLead, onDeal, leadErrors, dealErrors }: {
  lead?: { id: number; name: string };
  leadId: string;
  dealId: string;
  onLead: (id: string) => void;
  onDeal: (id: string) => void;
  leadErrors?: string[];
  dealErrors?: string[];
}) {
  const { t } = useI18n();
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setSearch(searchText.trim()), 300);
    return () => clearTimeout(h);
  }, [searchText]);
  const leads = useQuery({
    queryKey: ['leads', 'picker', search],
    queryFn: ({ signal }) => api<Paged<Lead>>('/api/leads', { query: { search: search || undefined, pageSize: 50 }, signal }),
    enabled: !lead,
    placeholderData: keepPreviousData,
  });
  const chosenLead = lead ? String(lead.id) : leadId;
  const detail = useQuery({
    queryKey: ['lead', Number(chosenLead)],
    queryFn: () => api<LeadDetail>(`/api/leads/${chosenLead}`),
    enabled: !!chosenLead,
  });
  const found = leads.data?.items ?? [];
  // The lead picked stays a choice while another search is typed.
  const picked = !lead && leadId && !found.some((l) => String(l.id) === leadId) ? detail.data : undefined;
  const deals = detail.data?.deals ?? [];
  return (
    <>
      {!lead && (
        <>
          <Field label={t('activity.leadSearch')} type="search" value={searchText} onChange={(e) => setSearchText(e.target.value)} autoComplete="off" />
          <SelectField label={t('activity.lead')} value={leadId} errors={leadErrors}
            hint={leads.isSuccess && found.length === 0 ? (search ? t('activity.noLeadsFound') : t('deal.noLeads')) : undefined}
            onChange={(e) => { onLead(e.target.value); onDeal(''); }}>
            <option value="">{t('deal.chooseLead')}</option>
            {picked && <option value={picked.id}>{picked.name}</option>}
            {found.map((l) => <option key={l.id} value={l.id}>{l.name}{l.phone ? ` — ${l.phone}` : l.email ? ` — ${l.email}` : ''}</option>)}
          </SelectField>
        </>
      )}
      {chosenLead && deals.length > 0 && (
        <SelectField label={t('activity.deal')} value={dealId} errors={dealErrors} onChange={(e) => onDeal(e.target.value)}>
          <option value="">{t('activity.noDeal')}</option>
          {deals.map((d) => <option key={d.id} value={d.id}>{d.title}</option>)}
        </SelectField>
      )}
    </>
  );
}
