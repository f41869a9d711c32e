export type ExportKind = 'leads' | 'deals' | 'activities';
export type ExportFormat = 'csv' | 'xlsx';

/** What each format's download asks for (the API answers a 400 problem as JSON either way). */
export const exportAccept: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export type ExportFilters = Record<string, string | number | null | undefined>;

/**
 * The query of GET /api/exports/{kind}: the list's filters as the list sends them (empty ones left out, so the file
 * holds what the screen shows) and the format.
 */
export function exportQuery(filters: ExportFilters, format: ExportFormat): Record<string, string | number> {
  const query: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined || value === null) continue;
    const text = typeof value === 'string' ? value.trim() : value;
    if (text === '') continue;
    query[name] = text;
  }
  query.format = format;
  return query;
}

/** The name to save under when the server gives none: the server's own pattern, leads-2026-11-28.csv. */
export function exportFileName(kind: ExportKind, format: ExportFormat, today: string): string {
  return `${kind}-${today}.${format}`;
}
