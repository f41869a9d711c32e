import { describe, expect, it } from 'vitest';
import { exportFileName, exportQuery } from './exportRequest';

describe('exportQuery', () => {
  it('sends the list filters that are set, and the format', () => {
    expect(exportQuery({ ownerId: 12, search: 'silva' }, 'xlsx')).toEqual({ ownerId: 12, search: 'silva', format: 'xlsx' });
  });

  it('leaves out empty filters, so the file holds what the screen shows', () => {
    expect(exportQuery({ ownerId: undefined, search: '   ', leadId: null }, 'csv')).toEqual({ format: 'csv' });
  });

  it('trims a searched text and keeps the agenda tab and days', () => {
    expect(exportQuery({ scope: 'upcoming', from: '2026-11-29', to: '2026-12-05', search: ' lia ' }, 'csv'))
      .toEqual({ scope: 'upcoming', from: '2026-11-29', to: '2026-12-05', search: 'lia', format: 'csv' });
  });

  it('cannot be told another format through the filters', () => {
    expect(exportQuery({ format: 'pdf' }, 'csv').format).toBe('csv');
  });
});

describe('exportFileName', () => {
  it('follows the server pattern', () => {
    expect(exportFileName('deals', 'xlsx', '2026-11-28')).toBe('deals-2026-11-28.xlsx');
  });
});
