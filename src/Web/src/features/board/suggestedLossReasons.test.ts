import { describe, expect, it } from 'vitest';
import { foldReason, lossReasonSuggestions } from './suggestedLossReasons';

const common = ['Preço', 'Escolheu um concorrente', 'Sem orçamento'];

describe('foldReason', () => {
  it('ignores case, accents and extra spaces', () => {
    expect(foldReason('  PREÇO ')).toBe('preco');
    expect(foldReason('Sem   orçamento')).toBe('sem orcamento');
  });
});

describe('lossReasonSuggestions', () => {
  it('offers the common reasons first, then the company\'s own in its order', () => {
    expect(lossReasonSuggestions(common, ['Prazo de entrega', 'Fechou a oficina'])).toEqual([...common, 'Prazo de entrega', 'Fechou a oficina']);
  });

  it('drops the company\'s reasons that are a common one spelled differently', () => {
    expect(lossReasonSuggestions(common, ['preco', 'SEM ORCAMENTO', 'Prazo'])).toEqual([...common, 'Prazo']);
  });

  it('drops a common reason written in the other language', () => {
    expect(lossReasonSuggestions(common, ['price', 'Prazo'], ['Price', 'Preço'])).toEqual([...common, 'Prazo']);
  });

  it('offers each reason once and at most a few of the company\'s', () => {
    const used = ['Prazo', 'prazo ', 'A', 'B', 'C', 'D', 'E', 'F', 'G'];
    expect(lossReasonSuggestions(common, used, [], 3)).toEqual([...common, 'Prazo', 'A', 'B']);
  });

  it('skips empty reasons and tidies spaces', () => {
    expect(lossReasonSuggestions([], ['  ', 'Fechou   a oficina '])).toEqual(['Fechou a oficina']);
  });
});
