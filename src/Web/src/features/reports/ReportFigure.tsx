import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n';

/**
 * A chart with its table: the table is always there for screen readers (and shown instead of the chart with "Ver como
 * tabela"); the chart itself is a picture of it, hidden from them.
 */
export function ReportFigure({ chart, table }: { chart: ReactNode; table: ReactNode }) {
  const { t } = useI18n();
  const tableId = useId();
  const [asTable, setAsTable] = useState(false);
  return (
    <div className="report-figure">
      <div className="report-figure-actions">
        <button type="button" className="link" aria-pressed={asTable} aria-controls={tableId} onClick={() => setAsTable(!asTable)} data-testid="chart-table-toggle">
          {t('report.showTable')}
        </button>
      </div>
      {!asTable && <div className="report-chart" aria-hidden="true" data-testid="report-chart">{chart}</div>}
      <div id={tableId} className={asTable ? 'report-table' : 'report-table sr-only'} data-testid="report-table">{table}</div>
    </div>
  );
}
