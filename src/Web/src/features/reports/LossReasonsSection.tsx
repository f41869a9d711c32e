import { useId, useState } from 'react';
import type { LossReasonsReport } from '../../api/types';
import { Empty } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatMoney } from '../../lib/format';
import type { ReportQuery } from './CsvLink';
import { LossReasonsChart } from './LossReasonsChart';
import { ReportFigure } from './ReportFigure';
import { ReportHead } from './ReportHead';
import { dealsText, rateText } from './reportText';
import { Segments } from './Segments';

type Metric = 'count' | 'value';

/** Why deals were lost in the period: the top reasons and the rest as "Outros", in deals and in R$. */
export function LossReasonsSection({ data, csv }: { data: LossReasonsReport; csv: { path: string; query: ReportQuery; fallbackName: string } }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const [metric, setMetric] = useState<Metric>('count');
  const rows = [
    ...data.reasons.map((r) => ({ ...r, key: r.reason, others: false })),
    ...(data.others ? [{ ...data.others, reason: t('report.lossReasons.others'), key: '\u0000others', others: true }] : []),
  ];
  const share = (count: number) => (data.totalCount > 0 ? count / data.totalCount : null);
  const table = (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">{t('report.tab.lossReasons')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.lossReasons.reason')}</th>
            <th scope="col">{t('report.lossReasons.deals')}</th>
            <th scope="col">{t('report.lossReasons.value')}</th>
            <th scope="col">{t('report.lossReasons.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={r.others ? 'loss-reason-others' : 'loss-reason-row'}>
              <th scope="row" className="wrap">{r.reason}</th>
              <td data-label={t('report.lossReasons.deals')}>{r.count}</td>
              <td data-label={t('report.lossReasons.value')}>{formatMoney(r.value)}</td>
              <td data-label={t('report.lossReasons.share')}>{rateText(locale, share(r.count))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="loss-reasons-total">
            <th scope="row">{t('report.total')}</th>
            <td data-label={t('report.lossReasons.deals')}>{data.totalCount}</td>
            <td data-label={t('report.lossReasons.value')}>{formatMoney(data.totalValue)}</td>
            <td data-label={t('report.lossReasons.share')}>{rateText(locale, data.totalCount > 0 ? 1 : null)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
  const bars = rows.map((r) => ({ reason: r.reason, amount: metric === 'value' ? r.value : r.count }));
  return (
    <section className="report" aria-labelledby={headingId} data-testid="report-loss-reasons">
      <ReportHead id={headingId} title={t('report.tab.lossReasons')} csv={csv} />
      <p className="report-summary">{t('report.lossReasons.summary', { deals: dealsText(t, data.totalCount), value: formatMoney(data.totalValue) })}</p>
      {rows.length === 0 ? <Empty>{t('report.lossReasons.empty')}</Empty> : (
        <>
          <div className="report-controls">
            <Segments legend={t('report.metric')} value={metric} onChange={setMetric} testId="loss-reasons-metric"
              options={[{ value: 'count', label: t('report.metric.count') }, { value: 'value', label: t('report.metric.value') }]} />
          </div>
          <ReportFigure table={table} chart={(
            <LossReasonsChart bars={bars} money={metric === 'value'} label={metric === 'value' ? t('report.metric.value') : t('report.metric.count')} />
          )} />
        </>
      )}
    </section>
  );
}
