import { describe, expect, it } from 'vitest';
import { encodingKey, formatFileSize, isTooLarge, MAX_FILE_BYTES, separatorKey } from './spreadsheetFile';

describe('the chosen file', () => {
  it('is refused before sending when over 20 MB', () => {
    expect(isTooLarge({ size: MAX_FILE_BYTES })).toBe(false);
    expect(isTooLarge({ size: MAX_FILE_BYTES + 1 })).toBe(true);
  });

  it('says its size the way the user reads numbers', () => {
    expect(formatFileSize(10, 'pt-BR')).toBe('1 KB');
    expect(formatFileSize(850 * 1024, 'pt-BR')).toBe('850 KB');
    expect(formatFileSize(1.25 * 1024 * 1024, 'pt-BR')).toBe('1,3 MB');
    expect(formatFileSize(1.25 * 1024 * 1024, 'en')).toBe('1.3 MB');
  });

  it('names the separator and the encoding the server found, and nothing for a workbook', () => {
    expect(separatorKey(';')).toBe('import.separator.semicolon');
    expect(separatorKey('\t')).toBe('import.separator.tab');
    expect(separatorKey(null)).toBeNull();
    expect(encodingKey('windows-1252')).toBe('import.encoding.windows1252');
    expect(encodingKey(null)).toBeNull();
  });
});
