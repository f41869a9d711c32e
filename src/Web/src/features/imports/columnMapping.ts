import type { DryRunError, DuplicateRule, ImportField, UploadedImport } from '../../api/types';

/** A field's column as the screen holds it: '' is "do not import". */
export type ColumnChoice = Partial<Record<ImportField, string>>;

/** What the mapping step sends (PUT /api/imports/{id}/mapping) and what its dry run was for. */
export interface MappingSettings {
  mapping: ColumnChoice;
  duplicates: DuplicateRule;
  ownerId: number | null;
  stageId: number | null;
}

/** The fields a run cannot do without. */
export const requiredFields: readonly ImportField[] = ['name', 'email'];

/** The suggested column of each field, kept only when the file has it; every other field starts as "do not import". */
export function initialChoice(uploaded: Pick<UploadedImport, 'fields' | 'suggestedMapping' | 'import'>): ColumnChoice {
  const columns = new Set(uploaded.import.columns);
  const choice: ColumnChoice = {};
  for (const field of uploaded.fields) {
    const column = uploaded.suggestedMapping[field];
    choice[field] = column && columns.has(column) ? column : '';
  }
  return choice;
}

/** The mapping as the server wants it: only the fields given a column. */
export function mappingBody(choice: ColumnChoice): Partial<Record<ImportField, string>> {
  const body: Partial<Record<ImportField, string>> = {};
  for (const [field, column] of Object.entries(choice) as [ImportField, string | undefined][]) {
    if (column) body[field] = column;
  }
  return body;
}

/** The settings as one text: a dry run stands for the settings it was run with, and only those. */
export function settingsKey(s: MappingSettings): string {
  const mapping = mappingBody(s.mapping);
  const fields = Object.keys(mapping).sort() as ImportField[];
  return JSON.stringify([fields.map((f) => [f, mapping[f]]), s.duplicates, s.ownerId, s.stageId]);
}

/** The first value a column shows in the sample rows, to say what picking it means ("e.g. João Açaí"). */
export function exampleOf(column: string | undefined, columns: readonly string[], rows: readonly (readonly (string | null)[])[]): string | null {
  if (!column) return null;
  const index = columns.indexOf(column);
  if (index < 0) return null;
  for (const row of rows) {
    const cell = row[index]?.replace(/\s+/g, ' ').trim();
    if (cell) return cell.length > 60 ? `${cell.slice(0, 59)}…` : cell;
  }
  return null;
}

/** Whether the dry run listed every refused row, or only the first reasons (the server lists 100). */
export function listsEveryRefusal(invalid: number, errors: readonly DryRunError[]): boolean {
  return new Set(errors.map((e) => e.row)).size >= invalid;
}
