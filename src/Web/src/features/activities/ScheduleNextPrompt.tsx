import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n';

/**
 * After a deal was created or moved into an open stage: "what is the next step?" with the button already focused, so
 * Enter schedules it and Escape dismisses it (the focus goes back where it was). It keeps nothing once gone.
 */
export function ScheduleNextPrompt({ deal, onSchedule, onDismiss }: { deal: { id: number; title: string }; onSchedule: () => void; onDismiss: () => void }) {
  const { t } = useI18n();
  const textId = useId();
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const before = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const active = document.activeElement;
    // A prompt for another deal keeps the place the first one came from.
    if (active instanceof HTMLElement && !box.current?.contains(active)) before.current = active;
    button.current?.focus();
  }, [deal.id]);
  function dismiss() {
    const back = before.current;
    onDismiss();
    if (back?.isConnected) back.focus();
  }
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    dismiss();
  }
  return (
    <div ref={box} className="next-prompt" role="region" aria-label={t('activity.nextPromptLabel')} onKeyDown={onKeyDown} data-testid="schedule-next" data-deal-id={deal.id}>
      <span id={textId} className="wrap">{t('activity.nextPrompt', { title: deal.title })}</span>
      <button ref={button} type="button" className="primary" aria-describedby={textId} onClick={onSchedule}>{t('activity.scheduleNext')}</button>
      <button type="button" className="icon" onClick={dismiss} aria-label={t('activity.dismiss')}>×</button>
    </div>
  );
}
