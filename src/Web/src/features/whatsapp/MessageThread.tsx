import { useLayoutEffect, useRef } from 'react';
import type { Message } from '../../api/types';
import { Empty } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { statusKey, type SentMessage } from './conversation';

/**
 * A conversation, oldest at the top and the newest at the bottom (where it opens, and where it stays when a message
 * comes in, unless the user scrolled up to read); earlier messages load above without moving what is being read.
 */
export function MessageThread({ messages, sending, leadName, hasMore, loadingOlder, onLoadOlder }: {
  messages: Message[];
  sending: SentMessage[];
  leadName: string;
  hasMore: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
}) {
  const { t, locale } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const keepFromBottom = useRef<number | null>(null);
  const lastNewest = useRef<string | null>(null);
  const newest = sending.length > 0 ? `sent-${sending.length}-${sending[sending.length - 1].timestamp}` : messages[messages.length - 1]?.id ?? null;
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    if (keepFromBottom.current !== null) {
      el.scrollTop = el.scrollHeight - keepFromBottom.current;
      keepFromBottom.current = null;
    }
    if (newest !== lastNewest.current) {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
      lastNewest.current = newest;
    }
  }, [messages.length, newest]);
  function loadOlder() {
    const el = box.current;
    if (el) keepFromBottom.current = el.scrollHeight - el.scrollTop;
    onLoadOlder();
  }
  const empty = messages.length === 0 && sending.length === 0;
  return (
    <>
      {hasMore && (
        <div className="wa-older">
          <button type="button" onClick={loadOlder} disabled={loadingOlder} data-testid="wa-load-older">
            {loadingOlder ? t('common.loading') : t('wa.loadOlder')}
          </button>
        </div>
      )}
      {empty ? <Empty>{t('wa.noMessages')}</Empty> : (
        <div ref={box} className="wa-thread" role="log" aria-label={t('wa.conversationWith', { name: leadName })} tabIndex={0} data-testid="wa-thread"
          onScroll={() => { const el = box.current; if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60; }}>
          <ol className="messages">
            {messages.map((m) => {
              const status = m.fromMe ? statusKey(m.status) : null;
              return (
                <li key={m.id} className={m.fromMe ? 'msg mine' : 'msg'} data-testid="wa-message" data-from-me={m.fromMe ? 'true' : 'false'}>
                  <span className="sr-only">{m.fromMe ? t('wa.you') : leadName}: </span>
                  {m.text ? <p>{m.text}</p> : <p className="muted"><em>{t('wa.noText')}</em></p>}
                  <small className="msg-meta">
                    {m.timestamp && <time dateTime={m.timestamp}>{formatDateTime(m.timestamp, locale)}</time>}
                    {status && <> · {t(status)}</>}
                  </small>
                </li>
              );
            })}
            {sending.map((s, i) => (
              <li key={`sent-${s.id ?? i}`} className="msg mine is-sending" data-testid="wa-message" data-from-me="true" data-pending="true">
                <span className="sr-only">{t('wa.you')}: </span>
                <p>{s.text}</p>
                <small className="msg-meta"><time dateTime={s.timestamp}>{formatDateTime(s.timestamp, locale)}</time> · {t('wa.msgStatus.sent')}</small>
              </li>
            ))}
          </ol>
        </div>
      )}
    </>
  );
}
