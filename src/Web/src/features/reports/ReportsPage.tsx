import { useId, type KeyboardEvent } from 'react';
import type { FunnelReport, LossReasonsReport, OutcomeGrouping, OutcomesReport, TeamReport } from '../../api/types';
import { ErrorBox, fieldErrors, formError, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { isOwner, useUser } from '../auth/useAuth';
import { useTeam } from '../board/hooks';
import type { ReportQuery } from './CsvLink';
import { FunnelSection } from './FunnelSection';
import { LossReasonsSection } from './LossReasonsSection';
import { OutcomesSection } from './OutcomesSection';
import { PeriodPicker } from './PeriodPicker';
import { reportPath, useReport, type ReportName } from './reportQueries';
import { TeamSection } from './TeamSection';
import { reportTabs, useReportParams, type ReportTab } from './useReportParams';

const tabLabel: Readonly<Record<ReportTab, MessageKey>> = {
  funnel: 'report.tab.funnel',
  outcomes: 'report.tab.outcomes',
  lossReasons: 'report.tab.lossReasons',
  team: 'report.tab.team',
};
const tabReport: Readonly<Record<ReportTab, ReportName>> = { funnel: 'funnel', outcomes: 'outcomes', lossReasons: 'loss-reasons', team: 'team' };
const tabFile: Readonly<Record<ReportTab, MessageKey>> = {
  funnel: 'report.file.funnel',
  outcomes: 'report.file.outcomes',
  lossReasons: 'report.file.lossReasons',
  team: 'report.file.team',
};
type ReportField = 'from' | 'to' | 'ownerId';

/**
 * Relatórios: the funnel, results against the previous period, loss reasons and (for a Business Owner) the team, for a
 * period and maybe one owner. Code-split from the board: the chart library loads only here.
 */
export default function ReportsPage() {
  const { t } = useI18n();
  const user = useUser();
  const owner = isOwner(user);
  const team = useTeam(owner);
  const ids = useId();
  const [p, update] = useReportParams(owner);
  const { tab, period } = p;

  const base: ReportQuery | null = period && { from: period.from, to: period.to, ownerId: p.ownerId };
  const funnel = useReport<FunnelReport>('funnel', base, tab === 'funnel');
  const outcomes = useReport<OutcomesReport>('outcomes', base && { ...base, groupBy: p.groupBy }, tab === 'outcomes');
  const reasons = useReport<LossReasonsReport>('loss-reasons', base, tab === 'lossReasons');
  const teamReport = useReport<TeamReport>('team', period && { from: period.from, to: period.to }, tab === 'team' && owner);
  const active = { funnel, outcomes, lossReasons: reasons, team: teamReport }[tab];
  const error = active.error;
  const serverErrors = (field: ReportField) => fieldErrors(t, error, field);
  const ownerShown = owner && tab !== 'team';
  // A refusal naming the period or the owner is shown on that control; anything else (the grouping too) above the report.
  const topError = formError(t, error, ownerShown ? ['from', 'to', 'ownerId'] : ['from', 'to']);

  const tabs = reportTabs.filter((x) => x !== 'team' || owner);
  const groupings: OutcomeGrouping[] = owner ? ['month', 'week', 'owner'] : ['month', 'week'];
  const csvQuery = tab === 'team' ? period && { from: period.from, to: period.to } : tab === 'outcomes' ? base && { ...base, groupBy: p.groupBy } : base;
  const csv = csvQuery && { path: reportPath(tabReport[tab]), query: csvQuery, fallbackName: `${t(tabFile[tab])}-${csvQuery.from}-${csvQuery.to}.csv` };

  const tabId = (x: ReportTab) => `${ids}-tab-${x}`;
  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    const i = tabs.indexOf(tab);
    const to = e.key === 'ArrowRight' ? (i + 1) % tabs.length
      : e.key === 'ArrowLeft' ? (i + tabs.length - 1) % tabs.length
        : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    update({ tab: tabs[to] });
    document.getElementById(tabId(tabs[to]))?.focus();
  }

  return (
    <div className="page reports">
      <div className="toolbar">
        <h1>{t('report.title')}</h1>
      </div>
      <div className="report-filters">
        <PeriodPicker preset={p.preset} from={p.typedFrom} to={p.typedTo} problems={p.problems}
          serverErrors={{ from: serverErrors('from'), to: serverErrors('to') }}
          onPreset={(preset) => update({ period: preset })} onDates={(d) => update(d)} />
        {ownerShown && (
          <div className={`field${serverErrors('ownerId') ? ' field-invalid' : ''}`}>
            <label htmlFor="report-owner">{t('board.owner')}</label>
            <select id="report-owner" value={p.ownerId ?? ''} onChange={(e) => update({ owner: e.target.value })}
              aria-invalid={!!serverErrors('ownerId') || undefined} aria-describedby={serverErrors('ownerId') ? 'report-owner-err' : undefined}>
              <option value="">{t('board.allOwners')}</option>
              {(team.data?.items ?? []).map((u) => (
                <option key={u.id} value={u.id}>{u.status === 'Inactive' ? t('board.inactiveOwner', { name: u.name ?? '' }) : u.name}</option>
              ))}
            </select>
            {serverErrors('ownerId') && <div id="report-owner-err" className="field-error" role="alert">{serverErrors('ownerId')!.join(' ')}</div>}
          </div>
        )}
      </div>
      <div className="tabs" role="tablist" aria-label={t('report.tabs')}>
        {tabs.map((x) => (
          <button key={x} type="button" role="tab" id={tabId(x)} aria-selected={x === tab} aria-controls={`${ids}-panel`} tabIndex={x === tab ? 0 : -1}
            className={x === tab ? 'tab active' : 'tab'} data-tab={x} data-testid={`report-tab-${x}`} onKeyDown={onTabKey} onClick={() => update({ tab: x })}>
            {t(tabLabel[x])}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`${ids}-panel`} aria-labelledby={tabId(tab)} tabIndex={-1} aria-busy={active.isFetching || undefined}>
        {topError && <ErrorBox error={error} onRetry={() => active.refetch()} />}
        {period && active.isPending && !error && <Loading />}
        {csv && active.data && !error && (
          <>
            {tab === 'funnel' && funnel.data && <FunnelSection data={funnel.data} csv={csv} />}
            {tab === 'outcomes' && outcomes.data && (
              <OutcomesSection data={outcomes.data} groupBy={p.groupBy} groupings={groupings} onGroupBy={(g) => update({ groupBy: g })} csv={csv} />
            )}
            {tab === 'lossReasons' && reasons.data && <LossReasonsSection data={reasons.data} csv={csv} />}
            {tab === 'team' && teamReport.data && <TeamSection data={teamReport.data} csv={csv} />}
          </>
        )}
      </div>
    </div>
  );
}
