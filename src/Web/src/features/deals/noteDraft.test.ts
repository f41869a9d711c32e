import { describe, expect, it } from 'vitest';
import { draftAfterSaving } from './noteDraft';

describe('draftAfterSaving', () => {
  it('clears the box that still holds just the sent note', () => {
    expect(draftAfterSaving('Ligou pedindo proposta.', 'Ligou pedindo proposta.')).toBe('');
  });
  it('keeps what was typed after the sent note while it was being saved', () => {
    expect(draftAfterSaving('Ligou pedindo proposta.\nRetornar sexta.', 'Ligou pedindo proposta.')).toBe('Retornar sexta.');
  });
  it('keeps a box rewritten meanwhile as it is', () => {
    expect(draftAfterSaving('Outra coisa', 'Ligou pedindo proposta.')).toBe('Outra coisa');
    expect(draftAfterSaving('', 'Ligou pedindo proposta.')).toBe('');
  });
});
