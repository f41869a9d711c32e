import type { MessageKey } from '../../i18n/en';

/** The largest file the server takes (UploadImport.MaxBytes): a larger one is refused before it is sent. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** What the file picker offers; the server still decides from the bytes, not the name. */
export const ACCEPTED_FILES = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function isTooLarge(file: Pick<File, 'size'>): boolean {
  return file.size > MAX_FILE_BYTES;
}

/** "850 KB", "1,2 MB" in the locale. */
export function formatFileSize(bytes: number, locale: string): string {
  const kb = bytes / 1024;
  if (kb < 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, Math.ceil(kb)))} KB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(kb / 1024)} MB`;
}

/** The words for the separator the server found in a CSV. */
export function separatorKey(separator: string | null): MessageKey | null {
  switch (separator) {
    case ';': return 'import.separator.semicolon';
    case ',': return 'import.separator.comma';
    case '\t': return 'import.separator.tab';
    default: return null;
  }
}

/** The words for the encoding the server found in a CSV. */
export function encodingKey(encoding: string | null): MessageKey | null {
  switch (encoding) {
    case 'utf-8': return 'import.encoding.utf8';
    case 'utf-16': return 'import.encoding.utf16';
    case 'windows-1252': return 'import.encoding.windows1252';
    default: return null;
  }
}
