import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { AuditEntry, Paged } from '../../api/types';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { auditActionKey, auditSubjectText } from '../privacy/privacyRules';

const PAGE_SIZE = 25;

/** The company's audit log (Business Owner), newest first, a page at a time. */
export function AuditLogSection() {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(1);
  const log = useQuery({
    queryKey: ['audit', page],
    queryFn: ({ signal }) => api<Paged<AuditEntry>>('/api/audit', { query: { page, pageSize: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
  const items = log.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((log.data?.total ?? 0) / PAGE_SIZE));
  return (
    <section className="panel-section" aria-labelledby="audit-h" data-testid="audit-log">
      <h2 id="audit-h">{t('audit.title')}</h2>
      <p className="muted">{t('audit.help')}</p>
      {log.isPending && <Loading />}
      {log.isError && <ErrorBox error={log.error} onRetry={() => log.refetch()} />}
      {log.isSuccess && items.length === 0 && <Empty>{t('audit.empty')}</Empty>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.subject')}</th>
                <th scope="col">{t('audit.address')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => {
                const action = auditActionKey(e.action);
                return (
                  <tr key={e.id}>
                    <td><time dateTime={e.at}>{formatDateTime(e.at, locale)}</time></td>
                    <td className="wrap">{e.user ? e.user.name : <span className="muted">{t('audit.system')}</span>}</td>
                    <td>{action ? t(action) : e.action}</td>
                    <td className="wrap">{auditSubjectText(t, e.subject)}</td>
                    <td>{e.address ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label={t('common.pagination')}>
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('common.previous')}</button>
          <span>{t('common.pageOf', { page, pages })}</span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>{t('common.next')}</button>
        </nav>
      )}
    </section>
  );
}
