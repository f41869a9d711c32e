import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { CalendarFeed } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Alert, ErrorBox, Loading } from '../../components/States';
import { useI18n } from '../../i18n';

/**
 * The secret iCalendar address of the user's open activities, to subscribe to from Google Calendar, Outlook or a
 * phone; a new one can be made, and the old one then stops working (after asking, since calendars using it go quiet).
 */
export function CalendarFeedSection() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const key = ['me', 'calendar'];
  const feed = useQuery({ queryKey: key, queryFn: () => api<CalendarFeed>('/api/me/calendar') });
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const [asking, setAsking] = useState(false);
  const rotate = useMutation({
    mutationFn: () => api<CalendarFeed>('/api/me/calendar/rotate', { method: 'POST' }),
    onSuccess: (f) => { qc.setQueryData(key, f); setAsking(false); setCopied(null); },
  });
  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <section className="panel-section" aria-labelledby="set-calendar-h">
      <h2 id="set-calendar-h">{t('settings.calendar')}</h2>
      <p>{t('settings.calendarHelp')}</p>
      {feed.isPending && <Loading />}
      {feed.isError && <ErrorBox error={feed.error} onRetry={() => feed.refetch()} />}
      {feed.data && (
        <>
          <div className="field">
            <label htmlFor="set-calendar-url">{t('settings.calendarUrl')}</label>
            <div className="copy-row">
              <input id="set-calendar-url" readOnly value={feed.data.url ?? ''} onFocus={(e) => e.target.select()} aria-describedby="set-calendar-secret" />
              <button type="button" onClick={() => copy(feed.data.url ?? '')}>{t('settings.copy')}</button>
            </div>
            <small id="set-calendar-secret" className="hint">{t('settings.calendarSecret')}</small>
          </div>
          {copied === 'ok' && <Alert kind="success">{t('settings.copied')}</Alert>}
          {copied === 'failed' && <Alert kind="info">{t('settings.copyFailed')}</Alert>}
          {rotate.isSuccess && <Alert kind="success">{t('settings.rotated')}</Alert>}
          <ul className="calendar-steps">
            <li>{t('settings.calendarGoogle')}</li>
            <li>{t('settings.calendarOutlook')}</li>
          </ul>
          <div className="actions">
            <button type="button" className="danger" onClick={() => { rotate.reset(); setAsking(true); }}>{t('settings.rotate')}</button>
          </div>
        </>
      )}
      {asking && (
        <ConfirmDialog title={t('settings.rotateTitle')} confirmLabel={t('settings.rotate')} danger busy={rotate.isPending} error={rotate.error}
          onCancel={() => setAsking(false)} onConfirm={() => rotate.mutate()}>
          <p>{t('settings.rotateConfirm')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
