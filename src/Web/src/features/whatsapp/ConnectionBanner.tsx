import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { refreshQueries } from '../../api/refreshQueries';
import { useI18n } from '../../i18n';
import { bannerFor, freshMemory, remember } from './connectionBanner';
import { connectionKey, useConnection } from './hooks';
import { useWhatsAppEvents } from './whatsAppLive';

const DISMISSED = 'crm.waBannerDismissed';

function readDismissed(): boolean {
  try { return sessionStorage.getItem(DISMISSED) === '1'; } catch { return false; }
}

function writeDismissed(dismissed: boolean) {
  try {
    if (dismissed) sessionStorage.setItem(DISMISSED, '1');
    else sessionStorage.removeItem(DISMISSED);
  } catch { /* private mode: dismissed for this page only */ }
}

/**
 * The Business Owner's warning, on every screen, that the company's WhatsApp dropped (only after it had been
 * connected), and the note once it is back. No polling: the status is asked again when the window gets the focus and
 * when the WhatsApp live stream, if a screen has it open, says the connection changed.
 */
export function ConnectionBanner() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const conn = useConnection({ refetchOnWindowFocus: true, staleTime: 30_000 });
  useWhatsAppEvents((e) => { if (e.event === 'connection.update') void refreshQueries(qc, connectionKey); }, { hold: false });
  const [memory, setMemory] = useState(freshMemory);
  const [dismissed, setDismissed] = useState(readDismissed);
  useEffect(() => { if (conn.data) setMemory((m) => remember(m, conn.data)); }, [conn.data]);
  // Back again: a later drop is news, so the warning may show again.
  useEffect(() => {
    if (!memory.reconnected) return;
    setDismissed(false);
    writeDismissed(false);
  }, [memory.reconnected]);
  const banner = bannerFor(memory, conn.data, dismissed);
  if (banner === 'disconnected') {
    return (
      <div className="conn-banner is-lost" role="status" data-testid="wa-connection-banner" data-state="disconnected">
        <span>{t('wa.banner.disconnected')}</span>
        <Link to="/whatsapp" className="conn-banner-action">{t('wa.banner.reconnect')}</Link>
        <button type="button" className="link" onClick={() => { setDismissed(true); writeDismissed(true); }}>{t('wa.banner.dismiss')}</button>
      </div>
    );
  }
  if (banner === 'reconnected') {
    return (
      <div className="conn-banner is-back" role="status" data-testid="wa-connection-banner" data-state="reconnected">
        <span>{t('wa.banner.reconnected')}</span>
        <button type="button" className="link" onClick={() => setMemory(freshMemory)}>{t('wa.banner.ok')}</button>
      </div>
    );
  }
  return null;
}
