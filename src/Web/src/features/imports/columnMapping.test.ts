import { describe, expect, it } from 'vitest';
import type { UploadedImport } from '../../api/types';
import { exampleOf, initialChoice, listsEveryRefusal, mappingBody, settingsKey } from './columnMapping';

const uploaded: Pick<UploadedImport, 'fields' | 'suggestedMapping' | 'import'> = {
  fields: ['name', 'email', 'phone', 'owner', 'createdAt', 'title', 'value', 'stage', 'lossReason'],
  suggestedMapping: { name: 'Nome', email: 'E-mail', value: 'Valor', stage: 'Sumiu' },
  import: { columns: ['Nome', 'E-mail', 'Telefone celular', 'Valor'] } as UploadedImport['import'],
};

describe('the column of each field', () => {
  it('starts from the suggestion, every other field not imported, a column the file lacks dropped', () => {
    expect(initialChoice(uploaded)).toEqual({
      name: 'Nome', email: 'E-mail', phone: '', owner: '', createdAt: '', title: '', value: 'Valor', stage: '', lossReason: '',
    });
  });

  it('sends only the fields given a column', () => {
    expect(mappingBody({ name: 'Nome', email: 'E-mail', phone: '', value: 'Valor' })).toEqual({ name: 'Nome', email: 'E-mail', value: 'Valor' });
  });

  it('tells settings apart whatever order the fields were picked in', () => {
    const a = settingsKey({ mapping: { name: 'Nome', email: 'E-mail', phone: '' }, duplicates: 'skip', ownerId: null, stageId: null });
    const b = settingsKey({ mapping: { email: 'E-mail', name: 'Nome' }, duplicates: 'skip', ownerId: null, stageId: null });
    expect(a).toBe(b);
    expect(settingsKey({ mapping: { email: 'E-mail', name: 'Nome' }, duplicates: 'update', ownerId: null, stageId: null })).not.toBe(a);
    expect(settingsKey({ mapping: { email: 'E-mail', name: 'Nome' }, duplicates: 'skip', ownerId: 3, stageId: null })).not.toBe(a);
    expect(settingsKey({ mapping: { email: 'E-mail', name: 'Telefone celular' }, duplicates: 'skip', ownerId: null, stageId: null })).not.toBe(a);
  });
});

describe('what the screen says about a column', () => {
  const rows = [[null, 'joao@acai.com.br', '  ', '1.234,56'], ['Contrato anual\r\nrenovação', 'x@y.z', '(71) 98654-7720', null]];
  const columns = ['Nome', 'E-mail', 'Telefone celular', 'Valor'];

  it('gives the first value the column has, on one line', () => {
    expect(exampleOf('Nome', columns, rows)).toBe('Contrato anual renovação');
    expect(exampleOf('Telefone celular', columns, rows)).toBe('(71) 98654-7720');
    expect(exampleOf('Valor', columns, rows)).toBe('1.234,56');
  });

  it('gives nothing for no column, an unknown one or an empty one', () => {
    expect(exampleOf(undefined, columns, rows)).toBeNull();
    expect(exampleOf('Outra', columns, rows)).toBeNull();
    expect(exampleOf('Nome', columns, [[null], ['']])).toBeNull();
  });

  it('shortens a long value', () => {
    expect(exampleOf('Nome', columns, [['x'.repeat(100)]])).toHaveLength(60);
  });

  it('knows when the dry run listed only the first refusals', () => {
    const error = (row: number) => ({ row, field: 'email' as const, code: 'import.required', message: 'Obrigatório.' });
    expect(listsEveryRefusal(2, [error(3), error(3), error(5)])).toBe(true);
    expect(listsEveryRefusal(150, Array.from({ length: 100 }, (_, i) => error(i + 2)))).toBe(false);
  });
});
