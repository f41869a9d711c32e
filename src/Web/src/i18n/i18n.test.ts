import { describe, expect, it } from 'vitest';
import { en } from './en';
import { detectLocale, translate } from './index';
import { ptBR } from './ptBR';

describe('i18n', () => {
  it('picks pt-BR for Portuguese browsers and English otherwise', () => {
    expect(detectLocale(null, ['pt-BR', 'en'])).toBe('pt-BR');
    expect(detectLocale(null, ['pt'])).toBe('pt-BR');
    expect(detectLocale(null, ['en-US'])).toBe('en');
    expect(detectLocale('en', ['pt-BR'])).toBe('en');
  });
  it('fills variables', () => {
    expect(translate('en', 'board.count', { count: 3 })).toBe('3 deals');
    expect(translate('pt-BR', 'board.count', { count: 3 })).toBe('3 negócios');
  });
  it('has every key translated in both locales', () => {
    expect(Object.keys(ptBR).sort()).toEqual(Object.keys(en).sort());
    for (const v of Object.values(ptBR)) expect(v.length).toBeGreaterThan(0);
  });
});
