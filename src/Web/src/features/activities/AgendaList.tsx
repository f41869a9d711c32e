import { useRef, useState } from 'react';
import type { To } from 'react-router';
import type { Activity } from '../../api/types';
import { Alert, Empty, ErrorBox, errorText, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { dayHeading, groupByDay, localDay, type Day } from './activityDates';
import { ActivityDialogs, type ActivityAction } from './ActivityDialogs';
import { ActivityRow } from './ActivityRow';
import type { AgendaTab } from './activityRules';
import { useAgenda, useCompleteActivity, useReopenActivity } from './hooks';

const emptyText: Readonly<Record<AgendaTab, MessageKey>> = {
  overdue: 'agenda.empty.overdue',
  today: 'agenda.empty.today',
  upcoming: 'agenda.empty.upcoming',
  done: 'agenda.empty.done',
};

/** Done ones fall on the day they were done (the browser's day); open ones on the day they are due. */
const dayOf = (tab: AgendaTab) => (a: Activity): Day => (tab === 'done' && a.doneAt ? localDay(new Date(a.doneAt)) : a.dueDate ?? '');

/**
 * One agenda tab: its activities under a heading per day, more on demand. Ticking one off takes it off the list at
 * once (the focus goes to the next one) and offers to undo; unticking a done one reopens it.
 */
export function AgendaList({ tab, today, ownerId, showOwner, dealLink, onCompleted }: {
  tab: AgendaTab;
  today: Day;
  ownerId?: number;
  showOwner: boolean;
  dealLink: (dealId: number) => To;
  onCompleted: (a: Activity) => void;
}) {
  const { t, locale } = useI18n();
  const list = useAgenda({ tab, today, ownerId });
  const complete = useCompleteActivity();
  const reopen = useReopenActivity();
  const ref = useRef<HTMLDivElement>(null);
  // Ticked rows leave at once, and come back only if the server refuses.
  const [leaving, setLeaving] = useState<ReadonlySet<number>>(new Set());
  const [action, setAction] = useState<ActivityAction | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const pages = list.data?.pages ?? [];
  const loaded = pages.flatMap((p) => p.items);
  const items = loaded.filter((a) => !leaving.has(a.id!));
  const total = pages[0]?.total ?? 0;

  function focusNextTo(id: number) {
    const rows = Array.from(ref.current?.querySelectorAll<HTMLElement>('.activity-row') ?? []);
    const i = rows.findIndex((r) => r.dataset.activityId === String(id));
    const neighbour = rows[i + 1] ?? rows[i - 1];
    (neighbour?.querySelector<HTMLElement>('.activity-check') ?? ref.current?.closest<HTMLElement>('[role=tabpanel]'))?.focus();
  }
  async function toggle(a: Activity) {
    const id = a.id!;
    setFailure(null);
    focusNextTo(id);
    setLeaving((s) => new Set(s).add(id));
    try {
      if (a.done) await reopen.mutateAsync(id);
      else {
        await complete.mutateAsync({ id });
        onCompleted(a);
      }
    } catch (err) {
      setFailure(err);
    } finally {
      setLeaving((s) => { const rest = new Set(s); rest.delete(id); return rest; });
    }
  }

  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorBox error={list.error} onRetry={() => list.refetch()} />;
  return (
    <div ref={ref} className="agenda-list">
      {failure !== null && <Alert kind="error">{errorText(t, failure)}</Alert>}
      {items.length === 0 && <Empty>{t(emptyText[tab])}</Empty>}
      {groupByDay(items, dayOf(tab)).map((g) => (
        <section key={g.day} className="agenda-day" aria-labelledby={`day-${tab}-${g.day}`} data-day={g.day}>
          <h2 id={`day-${tab}-${g.day}`} className="agenda-day-head">{dayHeading(t, locale, g.day, today)}</h2>
          <ul className="activity-list">
            {g.items.map((a) => (
              <ActivityRow key={a.id} activity={a} today={today} busy={leaving.has(a.id!)}
                shows={{ lead: true, dealLink, owner: showOwner, timeOnly: tab !== 'done' }}
                onToggle={() => void toggle(a)}
                onEdit={() => setAction({ kind: 'edit', activity: a })}
                onDelete={() => setAction({ kind: 'delete', activity: a })} />
            ))}
          </ul>
        </section>
      ))}
      {list.hasNextPage && (
        <div className="agenda-more">
          <span className="muted">{t('agenda.shown', { shown: loaded.length, total })}</span>
          <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? t('common.loading') : t('board.loadMore')}
          </button>
        </div>
      )}
      <ActivityDialogs action={action} onClose={() => setAction(null)} />
    </div>
  );
}
