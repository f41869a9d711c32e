import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams, type To } from 'react-router';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import type { Chat, ConnectResult, Connection, GatewayPage, Message } from '../../api/types';
import { Alert, Empty, ErrorBox, errorText, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { formatDateTime } from '../../lib/format';
import { isOwner, useUser } from '../auth/useAuth';
import { DealPanel } from '../deals/DealPanel';
import { ChatLeadInfo } from './ChatLeadInfo';
import { connectionKey, useConnection } from './hooks';
import { useWhatsAppEvents } from './whatsAppLive';

/** The screen's share of the live stream: a message or a connection change refreshes what it shows. */
function useLiveChats() {
  const qc = useQueryClient();
  useWhatsAppEvents((e) => {
    if (e.event.includes('connection') || e.event.includes('qr')) void refreshQueries(qc, connectionKey);
    void refreshQueries(qc, ['wa', 'chats']);
    void refreshQueries(qc, ['wa', 'messages']);
  });
}

export function WhatsAppPage() {
  const { t } = useI18n();
  useLiveChats();
  const conn = useConnection();
  const [params, setParams] = useSearchParams();
  const dealId = Number(params.get('deal')) || null;
  const withDeal = (deal: number | null) => {
    const p = new URLSearchParams(params);
    if (deal) p.set('deal', String(deal));
    else p.delete('deal');
    return p;
  };
  return (
    <div className="page">
      <h1>{t('wa.title')}</h1>
      {conn.isPending && <Loading />}
      {conn.isError && <ErrorBox error={conn.error} onRetry={() => conn.refetch()} />}
      {conn.data && <ConnectionCard conn={conn.data} />}
      {conn.data?.status === 'Connected' && <Chats dealLink={(id) => ({ search: `?${withDeal(id)}` })} />}
      {dealId && <DealPanel dealId={dealId} onClose={() => setParams(withDeal(null))} />}
    </div>
  );
}

function ConnectionCard({ conn }: { conn: Connection }) {
  const { t } = useI18n();
  const user = useUser();
  const owner = isOwner(user);
  const qc = useQueryClient();
  const [qr, setQr] = useState<ConnectResult | null>(null);
  const status = conn.status ?? 'Disconnected';
  const connecting = status === 'Connecting' || (qr !== null && status !== 'Connected');
  const connect = useMutation({
    mutationFn: () => api<ConnectResult>('/api/whatsapp/connection', { method: 'POST' }),
    onSuccess: (r) => { setQr(r); void refreshQueries(qc, connectionKey); },
  });
  const disconnect = useMutation({
    mutationFn: () => api('/api/whatsapp/connection', { method: 'DELETE' }),
    onSuccess: () => { setQr(null); void refreshQueries(qc, ['wa']); },
  });
  // While connecting: a fresh QR every few seconds, and the status with it.
  useEffect(() => {
    if (!connecting || !owner) return;
    const h = setInterval(async () => {
      try {
        const r = await api<ConnectResult>('/api/whatsapp/connection/qr');
        setQr(r);
        if (r.status === 'Connected') setQr(null);
      } catch { /* shown by the status query */ }
      void qc.invalidateQueries({ queryKey: connectionKey });
    }, 4000);
    return () => clearInterval(h);
  }, [connecting, owner, qc]);
  useEffect(() => { if (status === 'Connected') setQr(null); }, [status]);
  const label = ['Connected', 'Connecting', 'Disconnected'].includes(status) ? t(`wa.status.${status}` as MessageKey) : status;
  const err = connect.error ?? disconnect.error;
  return (
    <section className="panel-section wa-conn">
      <p><span className={`pill pill-${status}`}>{t('wa.status')}: {label}</span>
        {conn.phoneNumber && <span className="muted"> · {t('wa.phone', { phone: conn.phoneNumber })}</span>}</p>
      {err && <Alert kind="error">{errorText(t, err)}</Alert>}
      {!owner && status !== 'Connected' && <Alert kind="info">{t('wa.boOnly')}</Alert>}
      {owner && status !== 'Connected' && !qr && (
        <button type="button" className="primary" onClick={() => connect.mutate()} disabled={connect.isPending}>{t('wa.connect')}</button>
      )}
      {qr?.qrCode && status !== 'Connected' && (
        <div className="qr">
          <p>{t('wa.scan')}</p>
          <img src={qr.qrCode} alt={t('wa.qrAlt')} width={240} height={240} />
          {qr.pairingCode && <p>{t('wa.pairingCode', { code: qr.pairingCode })}</p>}
        </div>
      )}
      {owner && (status === 'Connected' || status === 'Connecting' || qr !== null) && (
        <button type="button" className="danger" onClick={() => { if (window.confirm(t('wa.disconnectConfirm'))) disconnect.mutate(); }}>{t('wa.disconnect')}</button>
      )}
    </section>
  );
}

function Chats({ dealLink }: { dealLink: (dealId: number) => To }) {
  const { t, locale } = useI18n();
  const [params] = useSearchParams();
  const phoneParam = params.get('phone');
  const chats = useQuery({ queryKey: ['wa', 'chats'], queryFn: () => api<GatewayPage<Chat>>('/api/whatsapp/chats') });
  const [selected, setSelected] = useState<{ jid: string | null; phone: string } | null>(phoneParam ? { jid: null, phone: phoneParam } : null);
  const items = chats.data?.items ?? [];
  useEffect(() => {
    if (selected && !selected.jid) {
      const match = items.find((c) => (c.phone ?? '').replace(/\D/g, '') === selected.phone || (c.remoteJid ?? '').startsWith(selected.phone));
      if (match) setSelected({ jid: match.remoteJid ?? null, phone: match.phone ?? selected.phone });
    }
  }, [items, selected]);
  const selectedChat = selected?.jid ? items.find((c) => c.remoteJid === selected.jid) ?? null : null;
  return (
    <div className="wa-layout">
      <section className="wa-chats" aria-labelledby="wa-chats-h">
        <h2 id="wa-chats-h">{t('wa.chats')}</h2>
        {chats.isPending && <Loading />}
        {chats.isError && <ErrorBox error={chats.error} onRetry={() => chats.refetch()} />}
        {chats.isSuccess && items.length === 0 && <Empty>{t('wa.noChats')}</Empty>}
        <ul>
          {items.map((c) => (
            <li key={c.remoteJid}>
              <button type="button" className={selected?.jid === c.remoteJid ? 'chat active' : 'chat'} aria-current={selected?.jid === c.remoteJid || undefined}
                onClick={() => setSelected({ jid: c.remoteJid ?? null, phone: c.phone ?? (c.remoteJid ?? '').split('@')[0] })}>
                <strong>{c.lead?.name || c.name || c.phone || c.remoteJid}</strong>
                {!!c.unreadCount && <span className="badge">{c.unreadCount}</span>}
                {c.lead && c.name && c.name !== c.lead.name && <small className="muted block chat-profile">{t('wa.profileName', { name: c.name })}</small>}
                {c.lastMessageAt && <small className="muted block">{formatDateTime(c.lastMessageAt, locale)}</small>}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="wa-messages">
        {selected ? <Conversation jid={selected.jid} phone={selected.phone} chat={selectedChat} dealLink={dealLink} /> : <Empty>{t('wa.pickChat')}</Empty>}
      </section>
    </div>
  );
}

function Conversation({ jid, phone, chat, dealLink }: { jid: string | null; phone: string; chat: Chat | null; dealLink: (dealId: number) => To }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const msgs = useQuery({
    queryKey: ['wa', 'messages', jid],
    queryFn: () => api<GatewayPage<Message>>(`/api/whatsapp/chats/${encodeURIComponent(jid!)}/messages`),
    enabled: !!jid,
  });
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () => api('/api/whatsapp/messages', { method: 'POST', body: { phone, text } }),
    onSuccess: () => { setText(''); void refreshQueries(qc, ['wa']); },
  });
  // Oldest at the top. The gateway answers newest first; reversing before the (stable) sort keeps messages of the
  // same second in the order they were sent.
  const items = [...(msgs.data?.items ?? [])].reverse().sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
  return (
    <>
      <ChatLeadInfo key={phone} phone={phone} chat={chat} dealLink={dealLink} />
      {jid && msgs.isPending && <Loading />}
      {msgs.isError && <ErrorBox error={msgs.error} onRetry={() => msgs.refetch()} />}
      {(!jid || (msgs.isSuccess && items.length === 0)) && <Empty>{t('wa.noMessages')}</Empty>}
      <ol className="messages">
        {items.map((m) => (
          <li key={m.id} className={m.fromMe ? 'msg mine' : 'msg'}>
            <p>{m.text}</p>
            {m.timestamp && <time dateTime={m.timestamp}>{formatDateTime(m.timestamp, locale)}</time>}
          </li>
        ))}
      </ol>
      <form className="inline-form" onSubmit={(e: FormEvent) => { e.preventDefault(); if (text.trim()) send.mutate(); }}>
        <div className="field grow">
          <label htmlFor="wa-text">{t('wa.message')}</label>
          <input id="wa-text" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={send.isPending || !text.trim()}>{t('wa.send')}</button>
      </form>
      {send.error && <Alert kind="error">{errorText(t, send.error)}</Alert>}
    </>
  );
}
