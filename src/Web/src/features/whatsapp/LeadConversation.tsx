import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/problem';
import { refreshQueries } from '../../api/refreshQueries';
import { Alert, ErrorBox, errorText, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { isOwner, useUser } from '../auth/useAuth';
import { oldestFirst, stillSending, type SentMessage } from './conversation';
import { leadMessagesKey, useLeadMessages } from './hooks';
import { LeadPhoneForm } from './LeadPhoneForm';
import { MessageThread } from './MessageThread';
import { isAboutPhone, readLiveData, whatsAppDigits } from './phoneDigits';
import { ReplyBox } from './ReplyBox';
import { useWhatsAppEvents } from './whatsAppLive';

/** The lead a conversation is with: a deal panel's lead or the lead panel's own. */
export interface ConversationLead {
  id: number;
  name: string;
  email: string;
  phone: string | null;
}

const OPEN = 'crm.waConversationOpen';

function readOpen(): boolean {
  try { return localStorage.getItem(OPEN) === '1'; } catch { return false; }
}

function writeOpen(open: boolean) {
  try { localStorage.setItem(OPEN, open ? '1' : '0'); } catch { /* private mode */ }
}

/**
 * The WhatsApp conversation with a lead, in its deal's panel and in its own. Fetched from the gateway only while the
 * section is open (the choice is remembered); the rest of the panel does not wait on it nor fail with it.
 */
export function LeadConversation({ lead }: { lead: ConversationLead }) {
  const { t } = useI18n();
  const ids = useId();
  const [open, setOpen] = useState(readOpen);
  const toggle = () => { writeOpen(!open); setOpen(!open); };
  return (
    <section className="panel-section wa-lead" aria-labelledby={`${ids}-h`} data-testid="wa-conversation">
      <h3 id={`${ids}-h`}>
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={`${ids}-body`} onClick={toggle} data-testid="wa-conversation-toggle">
          {t('wa.conversation')}
        </button>
      </h3>
      <div id={`${ids}-body`} hidden={!open}>
        {open && (lead.phone ? <Conversation lead={lead} /> : <LeadPhoneForm lead={lead} />)}
      </div>
    </section>
  );
}

function Conversation({ lead }: { lead: ConversationLead }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const owner = isOwner(useUser());
  const messages = useLeadMessages(lead.id, true);
  const [sent, setSent] = useState<SentMessage[]>([]);
  const digits = whatsAppDigits(lead.phone);
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  const refresh = () => { void refreshQueries(qc, leadMessagesKey(lead.id)); };
  // A burst of messages is one refetch; a message just sent is given a moment to reach the gateway's list.
  const refreshSoon = (ms = 300) => { clearTimeout(pending.current); pending.current = setTimeout(refresh, ms); };
  // After an answer the lead no longer waits: the agenda under the panel drops its "awaiting reply" (the board hears it live).
  const answered = () => { refreshSoon(1500); setTimeout(() => void refreshQueries(qc, ['activities']), 1500); };
  useEffect(() => () => clearTimeout(pending.current), []);
  useWhatsAppEvents((e) => {
    if (e.event === 'messages.upsert' && isAboutPhone(readLiveData(e.data), digits)) refreshSoon();
    if (e.event === 'connection.update') refreshSoon();
  });

  const err = messages.error;
  const code = err instanceof ApiError ? err.code : null;
  if (messages.isPending || (!messages.data && messages.isFetching)) return <Loading />;
  if (!messages.data) {
    if (code === 'whatsapp.lead_without_phone') return <LeadPhoneForm lead={lead} />;
    if (code === 'whatsapp.not_connected') {
      return (
        <div className="wa-state" data-testid="wa-not-connected">
          <p><strong>{t('wa.notConnected')}</strong></p>
          {owner ? <Link to="/whatsapp">{t('wa.goConnect')}</Link> : <p className="muted">{t('wa.boOnly')}</p>}
        </div>
      );
    }
    if (err instanceof ApiError && err.status === 503) {
      return (
        <div className="wa-state state-error" role="alert" data-testid="wa-gateway-down">
          <span>{t('wa.gatewayDown')}</span>
          <button type="button" onClick={() => messages.refetch()}>{t('common.retry')}</button>
        </div>
      );
    }
    return <ErrorBox error={err} onRetry={() => messages.refetch()} />;
  }
  const listed = oldestFirst(messages.data.pages);
  const sending = stillSending(sent, listed);
  return (
    <>
      {messages.isError && !messages.isFetchingNextPage && <Alert kind="error">{errorText(t, err)}</Alert>}
      <MessageThread messages={listed} sending={sending} leadName={lead.name} hasMore={messages.hasNextPage}
        loadingOlder={messages.isFetchingNextPage} onLoadOlder={() => void messages.fetchNextPage()} />
      <ReplyBox lead={lead} onSent={(s) => { setSent((all) => [...stillSending(all, listed), s]); answered(); }} />
    </>
  );
}
