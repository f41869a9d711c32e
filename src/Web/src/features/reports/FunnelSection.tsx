import { useId } from 'react';
import type { FunnelReport } from '../../api/types';
import { Empty } from '../../components/States';
import { useI18n } from '../../i18n';
import { stageName } from '../board/stageName';
import type { ReportQuery } from './CsvLink';
import { FunnelChart } from './FunnelChart';
import { ReportFigure } from './ReportFigure';
import { ReportHead } from './ReportHead';
import { rateText } from './reportText';

/** Of the deals created in the period, how many reached each stage, and the conversion from one to the next. */
export function FunnelSection({ data, csv }: { data: FunnelReport; csv: { path: string; query: ReportQuery; fallbackName: string } }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const rows = data.stages.map((s, i) => ({
    stage: stageName(t, s.stage),
    reached: s.reached,
    conversion: s.conversionToNext,
    fromPrevious: i > 0 && data.stages[i - 1].conversionToNext != null ? rateText(locale, data.stages[i - 1].conversionToNext) : '',
    won: s.stage.name === 'Won',
  }));
  const table = (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">{t('report.tab.funnel')}</caption>
        <thead>
          <tr><th scope="col">{t('report.funnel.stage')}</th><th scope="col">{t('report.funnel.reached')}</th><th scope="col">{t('report.funnel.conversion')}</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.stage}>
              <th scope="row">{r.stage}</th>
              <td data-label={t('report.funnel.reached')}>{r.reached}</td>
              <td data-label={t('report.funnel.conversion')}>{rateText(locale, r.conversion)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className="report" aria-labelledby={headingId} data-testid="report-funnel">
      <ReportHead id={headingId} title={t('report.tab.funnel')} csv={csv} />
      <dl className="report-totals">
        <div className="total-card" data-testid="funnel-created"><dt>{t('report.funnel.created')}</dt><dd><strong>{data.created}</strong></dd></div>
        <div className="total-card" data-testid="funnel-lost"><dt>{t('report.funnel.lost')}</dt><dd><strong>{data.lost}</strong></dd></div>
      </dl>
      {data.created === 0 ? <Empty>{t('report.funnel.empty')}</Empty> : (
        <ReportFigure table={table} chart={(
          <>
            <FunnelChart bars={rows} reachedLabel={t('report.funnel.reached')} />
            <p className="hint">{t('report.funnel.chartHint')}</p>
          </>
        )} />
      )}
    </section>
  );
}
