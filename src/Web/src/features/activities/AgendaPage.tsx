import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { Activity } from '../../api/types';
import { Alert, errorText } from '../../components/States';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { isOwner, useUser } from '../auth/useAuth';
import { usePipelineEvents, useTeam } from '../board/hooks';
import { DealPanel } from '../deals/DealPanel';
import { ExportButtons } from '../exports/ExportButtons';
import { localDay } from './activityDates';
import { ActivityForm } from './ActivityForm';
import { agendaQuery, agendaTabs, isAgendaTab, type AgendaTab } from './activityRules';
import { AgendaList } from './AgendaList';
import { useOverdueCount, useReopenActivity } from './hooks';
import { isQuickAddKey } from './quickAddKey';
import { UndoToast } from './UndoToast';
import { useUndoWindow } from './useUndoWindow';

const UNDO_MS = 5000;
const tabLabel: Readonly<Record<AgendaTab, MessageKey>> = {
  overdue: 'agenda.tab.overdue',
  today: 'agenda.tab.today',
  upcoming: 'agenda.tab.upcoming',
  done: 'agenda.tab.done',
};

/**
 * What to do and when: overdue, today, the next 7 days and what was done, for the user (a business owner sees the
 * team's, one person at a time if it likes). The tab and an open deal live in the address (?tab=, ?deal=).
 */
export function AgendaPage() {
  const { t } = useI18n();
  const user = useUser();
  const owner = isOwner(user);
  const team = useTeam(owner);
  const ids = useId();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: AgendaTab = isAgendaTab(tabParam) ? tabParam : 'today';
  const dealId = Number(params.get('deal')) || null;
  const [ownerFilter, setOwnerFilter] = useState('');
  const ownerId = ownerFilter ? Number(ownerFilter) : undefined;
  const [adding, setAdding] = useState(false);
  const today = localDay();
  const overdue = useOverdueCount(ownerId);
  const reopen = useReopenActivity();
  const undo = useUndoWindow<Activity>(UNDO_MS);
  usePipelineEvents();

  // "n" anywhere on the agenda (not while typing, not over a dialog) opens a new activity.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!isQuickAddKey(e, document.querySelector('[role=dialog]') !== null)) return;
      e.preventDefault();
      setAdding(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const go = (next: { tab?: AgendaTab; deal?: number | null }) => {
    const p = new URLSearchParams(params);
    if (next.tab) p.set('tab', next.tab);
    if (next.deal !== undefined) {
      if (next.deal) p.set('deal', String(next.deal));
      else p.delete('deal');
    }
    return p;
  };
  const tabId = (x: AgendaTab) => `${ids}-tab-${x}`;
  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    const i = agendaTabs.indexOf(tab);
    const to = e.key === 'ArrowRight' ? (i + 1) % agendaTabs.length
      : e.key === 'ArrowLeft' ? (i + agendaTabs.length - 1) % agendaTabs.length
        : e.key === 'Home' ? 0 : e.key === 'End' ? agendaTabs.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    setParams(go({ tab: agendaTabs[to] }), { replace: true });
    document.getElementById(tabId(agendaTabs[to]))?.focus();
  }

  return (
    <div className="page agenda">
      <div className="toolbar">
        <h1>{t('agenda.title')}</h1>
        {owner && (
          <>
            <label className="sr-only" htmlFor="agenda-owner">{t('board.owner')}</label>
            <select id="agenda-owner" value={ownerFilter} onChange={(e) => setOwnerFilter(e.target.value)}>
              <option value="">{t('board.allOwners')}</option>
              {(team.data?.items ?? []).map((u) => (
                <option key={u.id} value={u.id}>{u.status === 'Inactive' ? t('board.inactiveOwner', { name: u.name ?? '' }) : u.name}</option>
              ))}
            </select>
          </>
        )}
        <ExportButtons kind="activities" filters={{ ...agendaQuery(tab, today), ownerId }} />
        <button type="button" className="primary" onClick={() => setAdding(true)} aria-keyshortcuts="n" title={t('agenda.shortcut')}>
          + {t('activity.new')} <kbd aria-hidden="true">N</kbd>
        </button>
      </div>
      <div className="tabs" role="tablist" aria-label={t('agenda.tabs')}>
        {agendaTabs.map((x) => (
          <button key={x} type="button" role="tab" id={tabId(x)} aria-selected={x === tab} aria-controls={`${ids}-panel`} tabIndex={x === tab ? 0 : -1}
            className={x === tab ? 'tab active' : 'tab'} data-tab={x} onKeyDown={onTabKey} onClick={() => setParams(go({ tab: x }), { replace: true })}>
            {t(tabLabel[x])}
            {x === 'overdue' && !!overdue.data && <span className="tab-count">{overdue.data}</span>}
          </button>
        ))}
      </div>
      {reopen.isError && <Alert kind="error">{errorText(t, reopen.error)}</Alert>}
      <div className="tab-panel" role="tabpanel" id={`${ids}-panel`} aria-labelledby={tabId(tab)} tabIndex={-1}>
        <AgendaList key={tab} tab={tab} today={today} ownerId={ownerId} showOwner={owner}
          dealLink={(id) => ({ search: `?${go({ deal: id })}` })} onCompleted={(a) => undo.timer.open(a)} />
      </div>
      <UndoToast item={undo.item} timer={undo.timer} message={t('activity.completed')} onUndo={(a) => reopen.mutate(a.id!)} />
      {adding && <ActivityForm onClose={() => setAdding(false)} />}
      {dealId && <DealPanel dealId={dealId} onClose={() => setParams(go({ deal: null }))} />}
    </div>
  );
}
