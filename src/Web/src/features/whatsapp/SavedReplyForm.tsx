import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import type { SavedReply } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Alert, fieldErrors, formError } from '../../components/States';
import { useI18n } from '../../i18n';
import { savedRepliesKey } from './hooks';
import { MAX_REPLY_BODY, MAX_REPLY_NAME, replyProblems } from './templateText';

/**
 * A new saved reply, or an edit of one (Business Owner). An unknown {{variable}} is pointed out as it is typed, in the
 * server's words; the server checks again and its field messages show the same way.
 */
export function SavedReplyForm({ reply, onClose }: { reply: SavedReply | null; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const ids = useId();
  const [name, setName] = useState(reply?.name ?? '');
  const [body, setBody] = useState(reply?.body ?? '');
  const [tried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: () => (reply
      ? api<SavedReply>(`/api/whatsapp/templates/${reply.id}`, { method: 'PUT', body: { name, body } })
      : api<SavedReply>('/api/whatsapp/templates', { method: 'POST', body: { name, body } })),
    onSuccess: () => {
      void refreshQueries(qc, savedRepliesKey);
      onClose();
    },
  });
  const problems = replyProblems(name, body);
  // Blank or too long says so once Save was pressed; an unknown variable as soon as it is typed.
  const shown = (field: 'name' | 'body') => {
    const p = problems[field];
    if (!p || (!tried && p.key !== 'srv.templateVariableUnknown')) return undefined;
    return [t(p.key, p.vars)];
  };
  const errorsOf = (field: 'name' | 'body') => shown(field) ?? fieldErrors(t, save.error, field);
  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    save.mutate();
  }
  const top = formError(t, save.error, ['name', 'body']);
  const bodyErrors = errorsOf('body');
  const bodyId = `${ids}-body`;
  return (
    <Dialog title={reply ? t('replies.edit') : t('replies.new')} onClose={onClose} testId="saved-reply-form">
      <form onSubmit={submit} noValidate>
        {top && <Alert kind="error">{top}</Alert>}
        <Field label={t('replies.name')} value={name} onChange={(e) => setName(e.target.value)} errors={errorsOf('name')} maxLength={MAX_REPLY_NAME} required />
        <div className={`field${bodyErrors ? ' field-invalid' : ''}`}>
          <label htmlFor={bodyId}>{t('replies.body')}</label>
          <textarea id={bodyId} rows={5} value={body} maxLength={MAX_REPLY_BODY} required onChange={(e) => setBody(e.target.value)}
            aria-invalid={bodyErrors ? true : undefined} aria-describedby={bodyErrors ? `${bodyId}-hint ${bodyId}-err` : `${bodyId}-hint`} />
          <small id={`${bodyId}-hint`} className="hint">{t('replies.variables')}</small>
          {bodyErrors && <div id={`${bodyId}-err`} className="field-error" role="alert" data-testid="saved-reply-body-error">{bodyErrors.join(' ')}</div>}
        </div>
        <div className="actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={save.isPending}>{save.isPending ? t('common.saving') : t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}
