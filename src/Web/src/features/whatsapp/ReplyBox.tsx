import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { SavedReply } from '../../api/types';
import { Alert, errorText, fieldErrors, formError } from '../../components/States';
import { useI18n } from '../../i18n';
import { isOwner, useUser } from '../auth/useAuth';
import { draftAfterSaving } from '../deals/noteDraft';
import type { SentMessage } from './conversation';
import { useSavedReplies } from './hooks';
import { filterReplies, pickerKey, sendsOnKey, slashQuery } from './replyPicker';
import { fillReply, MAX_REPLY_BODY } from './templateText';

type Outgoing = { text: string } | { reply: SavedReply; preview: string };

/**
 * The reply box of a lead's conversation: Enter sends, Shift+Enter starts a new line. A "/" at the start lists the
 * saved replies, filtered by what follows (arrows and Enter, or a click, pick one; Escape closes the list). A picked
 * reply is shown filled in, as the server will fill it, and goes only once confirmed: a message to a customer
 * cannot be taken back.
 */
export function ReplyBox({ lead, onSent }: { lead: { id: number; name: string }; onSent: (sent: SentMessage) => void }) {
  const { t } = useI18n();
  const user = useUser();
  const ids = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  /** The text the list was closed on (Escape): it stays closed until the text changes. */
  const [closedOn, setClosedOn] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<SavedReply | null>(null);
  const query = slashQuery(text);
  const replies = useSavedReplies(query !== null);
  const pickerOpen = query !== null && closedOn !== text && !confirming;
  const options = pickerOpen ? filterReplies(replies.data ?? [], query) : [];
  const activeIndex = Math.min(active, Math.max(options.length - 1, 0));
  const optionId = (r: SavedReply) => `${ids}-reply-${r.id}`;
  useEffect(() => { setActive(0); }, [query]);
  useEffect(() => {
    if (options[activeIndex]) document.getElementById(optionId(options[activeIndex]))?.scrollIntoView?.({ block: 'nearest' });
  }, [activeIndex, options.length]);
  // The confirm step takes the focus to its Send button, and gives it back to the box when it closes.
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) box.current?.focus();
    wasConfirming.current = confirming !== null;
  }, [confirming]);

  const send = useMutation({
    mutationFn: (out: Outgoing) => api<{ id?: string }>(`/api/leads/${lead.id}/whatsapp`, {
      method: 'POST',
      body: 'text' in out ? { text: out.text } : { templateId: out.reply.id },
    }),
    onSuccess: (answer, out) => {
      onSent({ id: answer?.id ?? null, text: 'text' in out ? out.text.trim() : out.preview, timestamp: new Date().toISOString() });
      if ('text' in out) setText((now) => draftAfterSaving(now, out.text));
      else {
        setText('');
        setConfirming(null);
      }
    },
  });
  const preview = (r: SavedReply) => fillReply(r.body, { nome: lead.name, empresa: user?.tenant?.name ?? '', vendedor: user?.name ?? '' });

  function sendText() {
    if (!text.trim() || send.isPending) return;
    send.mutate({ text });
  }
  function pick(reply: SavedReply) {
    send.reset();
    setConfirming(reply);
  }
  function cancelPick() {
    send.reset();
    setConfirming(null);
  }
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    const mods = { shift: e.shiftKey, composing: e.nativeEvent.isComposing };
    if (pickerOpen) {
      const action = pickerKey(e.key, mods, activeIndex, options.length);
      if (action) {
        e.preventDefault();
        // Escape closes the list, not the panel around it.
        if (action.kind === 'close') { e.stopPropagation(); setClosedOn(text); }
        if (action.kind === 'move') setActive(action.active);
        if (action.kind === 'pick') pick(options[action.index]);
        return;
      }
    }
    if (sendsOnKey(e.key, mods)) {
      e.preventDefault();
      sendText();
    }
  }

  // The gateway's refusal is its own words (in English): said in the user's language, with them after.
  const refused = send.error instanceof ApiError && send.error.code === 'whatsapp.send_refused';
  const textErrors = refused ? [t('srv.waSendRefused'), ...(fieldErrors(t, send.error, 'text') ?? [])] : fieldErrors(t, send.error, 'text');
  const top = confirming ? null : formError(t, send.error, ['text']);
  const describedBy = [`${ids}-hint`, textErrors ? `${ids}-err` : null].filter(Boolean).join(' ');
  const announcement = !pickerOpen ? ''
    : replies.isPending ? t('common.loading')
      : replies.isError ? errorText(t, replies.error)
      : (replies.data ?? []).length === 0 ? t(isOwner(user) ? 'wa.pickerEmptyOwner' : 'wa.pickerEmpty')
        : options.length === 0 ? t('wa.pickerNone', { query: query ?? '' })
          : options.length === 1 ? t('wa.pickerOne') : t('wa.pickerCount', { count: options.length });

  return (
    <div className="reply-box" data-testid="wa-reply-box">
      {top && <Alert kind="error">{top}</Alert>}
      {confirming ? (
        <div className="reply-confirm" role="group" aria-labelledby={`${ids}-confirm`} data-testid="wa-reply-confirm"
          onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); cancelPick(); } }}>
          <p id={`${ids}-confirm`}>{t('wa.replyConfirm', { name: confirming.name })}</p>
          <blockquote className="msg mine reply-preview">{preview(confirming)}</blockquote>
          <small className="hint block">{t('wa.replyPreviewHint')}</small>
          {send.error && <Alert kind="error">{fieldErrors(t, send.error, 'templateId')?.join(' ') ?? errorText(t, send.error)}</Alert>}
          <div className="actions">
            <button type="button" onClick={cancelPick}>{t('common.cancel')}</button>
            <button ref={confirmButton} type="button" className="primary" disabled={send.isPending}
              onClick={() => send.mutate({ reply: confirming, preview: preview(confirming) })}>
              {send.isPending ? t('wa.sending') : t('wa.send')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={(e: FormEvent) => { e.preventDefault(); sendText(); }} noValidate>
          <div className={`field${textErrors ? ' field-invalid' : ''}`}>
            <label htmlFor={`${ids}-text`}>{t('wa.replyLabel')}</label>
            <div className="reply-input">
              <textarea id={`${ids}-text`} ref={box} rows={2} value={text} maxLength={MAX_REPLY_BODY} data-testid="wa-reply-text"
                onChange={(e) => { setText(e.target.value); setClosedOn(null); }} onKeyDown={onKeyDown}
                aria-describedby={describedBy} aria-invalid={textErrors ? true : undefined} aria-autocomplete="list"
                aria-controls={pickerOpen && options.length > 0 ? `${ids}-replies` : undefined}
                aria-activedescendant={pickerOpen && options[activeIndex] ? optionId(options[activeIndex]) : undefined} />
              {pickerOpen && options.length > 0 && (
                <ul id={`${ids}-replies`} role="listbox" aria-label={t('wa.savedReplies')} className="reply-picker" data-testid="wa-reply-picker">
                  {options.map((r, i) => (
                    <li key={r.id} id={optionId(r)} role="option" aria-selected={i === activeIndex} data-testid="wa-reply-option"
                      className={i === activeIndex ? 'is-active' : undefined}
                      onMouseDown={(e) => e.preventDefault()} onMouseEnter={() => setActive(i)} onClick={() => pick(r)}>
                      <strong>{r.name}</strong>
                      <span className="reply-option-body">{r.body}</span>
                    </li>
                  ))}
                </ul>
              )}
              {pickerOpen && options.length === 0 && <div className="reply-picker is-empty" aria-hidden="true">{announcement}</div>}
            </div>
            <small id={`${ids}-hint`} className="hint">{t('wa.replyHint')}</small>
            {textErrors && <div id={`${ids}-err`} className="field-error" role="alert">{textErrors.join(' ')}</div>}
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={send.isPending || !text.trim()} data-testid="wa-send">
              {send.isPending ? t('wa.sending') : t('wa.send')}
            </button>
          </div>
        </form>
      )}
      <div className="sr-only" role="status" aria-live="polite">{announcement}</div>
    </div>
  );
}
