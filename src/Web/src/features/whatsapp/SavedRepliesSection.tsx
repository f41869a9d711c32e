import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import type { SavedReply } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { savedRepliesKey, useSavedReplies } from './hooks';
import { SavedReplyForm } from './SavedReplyForm';

/** Settings › Saved replies (Business Owner): the answers everyone picks with "/" in a WhatsApp conversation. */
export function SavedRepliesSection() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const replies = useSavedReplies();
  const [editing, setEditing] = useState<SavedReply | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SavedReply | null>(null);
  const del = useMutation({
    mutationFn: (id: number) => api(`/api/whatsapp/templates/${id}`, { method: 'DELETE' }),
    onSuccess: () => { setDeleting(null); void refreshQueries(qc, savedRepliesKey); },
  });
  const items = replies.data ?? [];
  return (
    <section className="panel-section" aria-labelledby="saved-replies-h" data-testid="saved-replies">
      <h2 id="saved-replies-h">{t('replies.title')}</h2>
      <p className="muted">{t('replies.help')}</p>
      <p className="hint">{t('replies.variables')}</p>
      {replies.isPending && <Loading />}
      {replies.isError && <ErrorBox error={replies.error} onRetry={() => replies.refetch()} />}
      {replies.isSuccess && items.length === 0 && <Empty>{t('replies.empty')}</Empty>}
      {items.length > 0 && (
        <ul className="saved-replies">
          {items.map((r) => (
            <li key={r.id} className="saved-reply" data-testid="saved-reply">
              <div className="saved-reply-head">
                <strong>{r.name}</strong>
                <div className="row-actions">
                  <button type="button" onClick={() => setEditing(r)} aria-label={t('replies.editNamed', { name: r.name })}>{t('common.edit')}</button>
                  <button type="button" className="danger" onClick={() => { del.reset(); setDeleting(r); }} aria-label={t('replies.deleteNamed', { name: r.name })}>
                    {t('common.delete')}
                  </button>
                </div>
              </div>
              <p className="saved-reply-body">{r.body}</p>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="saved-reply-new">+ {t('replies.new')}</button>
      </div>
      {editing && <SavedReplyForm reply={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog title={t('replies.deleteTitle')} confirmLabel={t('common.delete')} danger busy={del.isPending} error={del.error}
          onCancel={() => setDeleting(null)} onConfirm={() => del.mutate(deleting.id)}>
          <p className="wrap">{t('replies.deleteConfirm', { name: deleting.name })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
