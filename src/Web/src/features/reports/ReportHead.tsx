import { CsvLink, type ReportQuery } from './CsvLink';

/** A report's title and its "Baixar CSV". */
export function ReportHead({ id, title, csv }: { id: string; title: string; csv: { path: string; query: ReportQuery; fallbackName: string } }) {
  return (
    <div className="section-head report-head">
      <h2 id={id}>{title}</h2>
      <CsvLink path={csv.path} query={csv.query} fallbackName={csv.fallbackName} label={title} />
    </div>
  );
}
