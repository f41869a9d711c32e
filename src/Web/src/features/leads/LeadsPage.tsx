import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import type { Lead, LeadDetail, Paged } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { isOwner, useUser } from '../auth/useAuth';
import { ExportButtons } from '../exports/ExportButtons';
import { LeadDetails } from './LeadDetails';
import { LeadForm } from './LeadForm';
import { LeadPanel } from './LeadPanel';

const PAGE_SIZE = 25;

export function LeadsPage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const owner = isOwner(user);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { leadId } = useParams();
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Lead | 'new' | null>(null);
  const [expanded, setExpanded] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Lead | null>(null);
  // A new search starts at page 1, once the typing pauses; an unchanged one leaves the page alone (the timer used to
  // fire on opening the screen too and sent a quick "Next" back to page 1).
  useEffect(() => {
    const next = searchText.trim();
    if (next === search) return;
    const h = setTimeout(() => { setSearch(next); setPage(1); }, 300);
    return () => clearTimeout(h);
  }, [searchText, search]);
  const leads = useQuery({
    queryKey: ['leads', 'list', search, page],
    queryFn: ({ signal }) => api<Paged<Lead>>('/api/leads', { query: { search: search || undefined, page, pageSize: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
  const del = useMutation({
    mutationFn: (id: number) => api(`/api/leads/${id}`, { method: 'DELETE' }),
    onSuccess: () => { setDeleting(null); void refreshQueries(qc, ['leads']); void refreshQueries(qc, ['board']); },
  });
  const items = leads.data?.items ?? [];
  const capped = leads.data?.totalCapped === true;
  const pages = Math.max(1, Math.ceil((leads.data?.total ?? 0) / PAGE_SIZE));
  // A capped total ("10.000+") says "at least": a full page may have a next one beyond the counted pages.
  const lastPage = capped ? page >= pages && items.length < PAGE_SIZE : page >= pages;
  return (
    <div className="page">
      <div className="toolbar">
        <h1>{t('leads.title')}</h1>
        <label className="sr-only" htmlFor="lead-search">{t('leads.search')}</label>
        <input id="lead-search" type="search" placeholder={t('leads.search')} value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        <ExportButtons kind="leads" filters={{ search }} />
        <Link to="/leads/importar" className="button">{t('leads.import')}</Link>
        <button type="button" className="primary" onClick={() => setEditing('new')}>+ {t('leads.new')}</button>
      </div>
      {leads.isPending && <Loading />}
      {leads.isError && <ErrorBox error={leads.error} onRetry={() => leads.refetch()} />}
      {leads.isSuccess && items.length === 0 && <Empty>{t('leads.empty')}</Empty>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('leads.name')}</th>
                <th scope="col">{t('leads.email')}</th>
                <th scope="col">{t('leads.phone')}</th>
                <th scope="col">{t('leads.owner')}</th>
                <th scope="col">{t('leads.deals')}</th>
                <th scope="col"><span className="sr-only">{t('leads.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {items.map((l) => (
                <LeadRow key={l.id} lead={l} locale={locale} owner={owner} expanded={expanded === l.id}
                  onToggle={() => setExpanded(expanded === l.id ? null : l.id!)}
                  onEdit={() => setEditing(l)}
                  onDelete={() => { del.reset(); setDeleting(l); }} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(pages > 1 || capped) && (
        <nav className="pager" aria-label={t('common.pagination')}>
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('common.previous')}</button>
          <span>{t('common.pageOf', { page, pages: capped ? `${pages.toLocaleString(locale)}+` : pages })}</span>
          <button type="button" disabled={lastPage} onClick={() => setPage(page + 1)}>{t('common.next')}</button>
        </nav>
      )}
      {deleting && (
        <ConfirmDialog title={t('leads.deleteTitle')} confirmLabel={t('common.delete')} danger busy={del.isPending} error={del.error}
          onCancel={() => setDeleting(null)} onConfirm={() => del.mutate(deleting.id!)}>
          <p className="wrap">{t('leads.deleteConfirm', { name: deleting.name ?? '' })}</p>
        </ConfirmDialog>
      )}
      {editing && <LeadForm lead={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {leadId && <LeadPanel leadId={Number(leadId)} onClose={() => navigate('/leads')} />}
    </div>
  );
}

function LeadRow({ lead, locale, owner, expanded, onToggle, onEdit, onDelete }: {
  lead: Lead; locale: string; owner: boolean; expanded: boolean; onToggle: () => void; onEdit: () => void; onDelete: () => void;
}) {
  const { t } = useI18n();
  const phoneDigits = (lead.phone ?? '').replace(/\D/g, '');
  return (
    <>
      <tr>
        <td className="wrap">
          <button type="button" className="link" aria-expanded={expanded} onClick={onToggle}>{lead.name}</button>
          {lead.createdAt && <small className="muted block">{formatDate(lead.createdAt, locale)}</small>}
        </td>
        <td className="wrap">{lead.email}</td>
        <td>{lead.phone}</td>
        <td className="wrap">{lead.ownerName}</td>
        <td data-label={t('leads.deals')}>{lead.dealCount ?? 0}</td>
        <td>
          <div className="row-actions">
            {phoneDigits && <Link to={`/whatsapp?phone=${phoneDigits}`}>{t('leads.whatsapp')}</Link>}
            <button type="button" onClick={onEdit}>{t('common.edit')}</button>
            {owner && <button type="button" className="danger" onClick={onDelete}>{t('common.delete')}</button>}
          </div>
        </td>
      </tr>
      {expanded && (
        <tr className="lead-deals-row">
          <td colSpan={6}><LeadDeals id={lead.id!} /></td>
        </tr>
      )}
    </>
  );
}

function LeadDeals({ id }: { id: number }) {
  const q = useQuery({ queryKey: ['lead', id], queryFn: () => api<LeadDetail>(`/api/leads/${id}`) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} onRetry={() => q.refetch()} />;
  return <LeadDetails lead={q.data} />;
}
