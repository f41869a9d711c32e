import { useId } from 'react';
import type { TeamReport } from '../../api/types';
import { Empty } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatMoney } from '../../lib/format';
import type { ReportQuery } from './CsvLink';
import { ReportHead } from './ReportHead';
import { daysText, rateText } from './reportText';

/** Each salesperson's numbers (Business Owner only): a table, no chart. */
export function TeamSection({ data, csv }: { data: TeamReport; csv: { path: string; query: ReportQuery; fallbackName: string } }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const columns = [
    t('report.team.open'), t('report.team.openValue'), t('report.won'), t('report.wonValue'), t('report.lost'), t('report.lostValue'),
    t('report.team.winRate'), t('report.averageDaysToWin'), t('report.team.activitiesDone'), t('report.team.activitiesOverdue'),
  ];
  return (
    <section className="report" aria-labelledby={headingId} data-testid="report-team">
      <ReportHead id={headingId} title={t('report.tab.team')} csv={csv} />
      <p className="muted">{t('report.team.note')}</p>
      {data.members.length === 0 ? <Empty>{t('report.team.empty')}</Empty> : (
        <div className="table-wrap" data-testid="report-table">
          <table className="table">
            <caption className="sr-only">{t('report.tab.team')}</caption>
            <thead>
              <tr><th scope="col">{t('report.team.member')}</th>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
            </thead>
            <tbody>
              {data.members.map((m) => {
                const cells = [
                  m.open.count, formatMoney(m.open.value), m.won.count, formatMoney(m.won.value), m.lost.count, formatMoney(m.lost.value),
                  rateText(locale, m.winRate), daysText(t, locale, m.averageDaysToWin), m.activitiesDone, m.activitiesOverdue,
                ];
                return (
                  <tr key={m.owner.id} data-testid="team-row" data-user-id={m.owner.id}>
                    <th scope="row">{m.active ? m.owner.name : t('board.inactiveOwner', { name: m.owner.name })}</th>
                    {cells.map((c, i) => <td key={columns[i]} data-label={columns[i]}>{c}</td>)}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
