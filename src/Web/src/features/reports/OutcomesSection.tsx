import { useId, useState } from 'react';
import type { OutcomeGroup, OutcomeGrouping, OutcomesReport } from '../../api/types';
import { Empty } from '../../components/States';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { formatMoney } from '../../lib/format';
import type { ReportQuery } from './CsvLink';
import { OutcomesChart } from './OutcomesChart';
import { ReportFigure } from './ReportFigure';
import { ReportHead } from './ReportHead';
import { changeText, groupLabel, periodText, pointsText } from './reportNumbers';
import { daysText, dealsText, rateText } from './reportText';
import { Segments } from './Segments';

type Metric = 'value' | 'count';

const groupingLabel: Readonly<Record<OutcomeGrouping, MessageKey>> = {
  month: 'report.groupBy.month',
  week: 'report.groupBy.week',
  owner: 'report.groupBy.owner',
};

export interface OutcomesSectionProps {
  data: OutcomesReport;
  groupBy: OutcomeGrouping;
  groupings: readonly OutcomeGrouping[];
  onGroupBy: (g: OutcomeGrouping) => void;
  csv: { path: string; query: ReportQuery; fallbackName: string };
}

/** Won and lost (deals and R$) by month, week or owner, win rates and days to win, each total against the previous period. */
export function OutcomesSection({ data, groupBy, groupings, onGroupBy, csv }: OutcomesSectionProps) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const [metric, setMetric] = useState<Metric>('value');
  const { total, previous } = data;
  const before = previous.total;
  // The answer may still be the previous grouping's while the new one loads.
  const shownGrouping = data.groupBy ?? groupBy;
  const label = (g: OutcomeGroup) => groupLabel(t, locale, shownGrouping, g);
  const nothing = total.won.count + total.lost.count === 0 && before.won.count + before.lost.count === 0;

  const row = (g: OutcomeGroup, name: string, key: string, testId?: string) => (
    <tr key={key} data-testid={testId}>
      <th scope="row">{name}</th>
      <td data-label={t('report.won')}>{g.won.count}</td>
      <td data-label={t('report.wonValue')}>{formatMoney(g.won.value)}</td>
      <td data-label={t('report.lost')}>{g.lost.count}</td>
      <td data-label={t('report.lostValue')}>{formatMoney(g.lost.value)}</td>
      <td data-label={t('report.winRateByCount')}>{rateText(locale, g.winRateByCount)}</td>
      <td data-label={t('report.winRateByValue')}>{rateText(locale, g.winRateByValue)}</td>
      <td data-label={t('report.averageDaysToWin')}>{daysText(t, locale, g.averageDaysToWin)}</td>
    </tr>
  );
  const table = (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">{t('report.tab.outcomes')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(groupingLabel[shownGrouping])}</th>
            <th scope="col">{t('report.won')}</th>
            <th scope="col">{t('report.wonValue')}</th>
            <th scope="col">{t('report.lost')}</th>
            <th scope="col">{t('report.lostValue')}</th>
            <th scope="col">{t('report.winRateByCount')}</th>
            <th scope="col">{t('report.winRateByValue')}</th>
            <th scope="col">{t('report.averageDaysToWin')}</th>
          </tr>
        </thead>
        <tbody>{data.groups.map((g) => row(g, label(g), g.key))}</tbody>
        <tfoot>
          {row(total, t('report.total'), 'total', 'outcomes-total')}
          {row(before, `${t('report.previousTotal')} (${periodText(locale, previous.from, previous.to)})`, 'previous', 'outcomes-previous')}
        </tfoot>
      </table>
    </div>
  );
  const bars = data.groups.map((g) => ({
    group: label(g),
    won: metric === 'value' ? g.won.value : g.won.count,
    lost: metric === 'value' ? g.lost.value : g.lost.count,
  }));
  return (
    <section className="report" aria-labelledby={headingId} data-testid="report-outcomes">
      <ReportHead id={headingId} title={t('report.tab.outcomes')} csv={csv} />
      <div className="report-controls">
        <Segments legend={t('report.groupBy')} value={groupBy} onChange={onGroupBy} testId="outcomes-group-by"
          options={groupings.map((g) => ({ value: g, label: t(groupingLabel[g]) }))} />
        <Segments legend={t('report.metric')} value={metric} onChange={setMetric} testId="outcomes-metric"
          options={[{ value: 'value', label: t('report.metric.value') }, { value: 'count', label: t('report.metric.count') }]} />
      </div>
      <p className="muted">{t('report.previousPeriod', { period: periodText(locale, previous.from, previous.to) })}</p>
      <dl className="report-totals">
        <div className="total-card is-won" data-testid="total-won">
          <dt>{t('report.won')}</dt>
          <dd><strong>{formatMoney(total.won.value)}</strong> <span className="muted">({changeText(t, locale, total.won.value, before.won.value)})</span></dd>
          <dd>{dealsText(t, total.won.count)} <span className="muted">({changeText(t, locale, total.won.count, before.won.count)})</span></dd>
          <dd className="muted">{t('report.previousTotal')}: {formatMoney(before.won.value)} · {dealsText(t, before.won.count)}</dd>
        </div>
        <div className="total-card is-lost" data-testid="total-lost">
          <dt>{t('report.lost')}</dt>
          <dd><strong>{formatMoney(total.lost.value)}</strong> <span className="muted">({changeText(t, locale, total.lost.value, before.lost.value)})</span></dd>
          <dd>{dealsText(t, total.lost.count)} <span className="muted">({changeText(t, locale, total.lost.count, before.lost.count)})</span></dd>
          <dd className="muted">{t('report.previousTotal')}: {formatMoney(before.lost.value)} · {dealsText(t, before.lost.count)}</dd>
        </div>
        <div className="total-card" data-testid="total-win-rate">
          <dt>{t('report.winRateByCount')}</dt>
          <dd><strong>{rateText(locale, total.winRateByCount)}</strong> <span className="muted">({pointsText(t, locale, total.winRateByCount, before.winRateByCount)})</span></dd>
          <dd>{t('report.winRateByValue')}: {rateText(locale, total.winRateByValue)} <span className="muted">({pointsText(t, locale, total.winRateByValue, before.winRateByValue)})</span></dd>
          <dd className="muted">{t('report.previousTotal')}: {rateText(locale, before.winRateByCount)} · {rateText(locale, before.winRateByValue)}</dd>
        </div>
        <div className="total-card" data-testid="total-days-to-win">
          <dt>{t('report.averageDaysToWin')}</dt>
          <dd><strong>{daysText(t, locale, total.averageDaysToWin)}</strong> <span className="muted">({changeText(t, locale, total.averageDaysToWin, before.averageDaysToWin)})</span></dd>
          <dd className="muted">{t('report.previousTotal')}: {daysText(t, locale, before.averageDaysToWin)}</dd>
        </div>
      </dl>
      {nothing ? <Empty>{t('report.outcomes.empty')}</Empty> : (
        <ReportFigure table={table} chart={<OutcomesChart bars={bars} money={metric === 'value'} wonLabel={t('report.won')} lostLabel={t('report.lost')} />} />
      )}
    </section>
  );
}
