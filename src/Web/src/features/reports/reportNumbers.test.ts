import { describe, expect, it } from 'vitest';
import { translate, type TFunction } from '../../i18n';
import { changeText, formatChange, groupLabel, percentChange, pointsText } from './reportNumbers';

const pt: TFunction = (k, v) => translate('pt-BR', k, v);
const en: TFunction = (k, v) => translate('en', k, v);
const norm = (s: string) => s.replace(/\u00a0|\u202f/g, ' ');

describe('percentChange', () => {
  it('is the change as a fraction of the previous value', () => {
    expect(percentChange(4000, 3200)).toBeCloseTo(0.25);
    expect(percentChange(900, 1000)).toBeCloseTo(-0.1);
    expect(percentChange(5, 5)).toBe(0);
  });

  it('has no answer when the previous period had nothing', () => {
    expect(percentChange(4000, 0)).toBeNull();
    expect(percentChange(0, 0)).toBeNull();
    expect(percentChange(null, 10)).toBeNull();
    expect(percentChange(10, null)).toBeNull();
  });
});

describe('changeText', () => {
  it('says the change with its sign against the previous period', () => {
    expect(norm(changeText(pt, 'pt-BR', 4000, 3200))).toBe('+25% vs período anterior');
    expect(norm(changeText(en, 'en', 900, 1000))).toBe('-10% vs previous period');
    expect(norm(formatChange(1 / 3, 'pt-BR'))).toBe('+33,3%');
  });

  it('says so when nothing changed or there was nothing before', () => {
    expect(changeText(pt, 'pt-BR', 7, 7)).toBe('igual ao período anterior');
    expect(changeText(pt, 'pt-BR', 0, 0)).toBe('igual ao período anterior');
    expect(changeText(pt, 'pt-BR', 1500, 0)).toBe('nada no período anterior');
    expect(changeText(pt, 'pt-BR', null, null)).toBe('sem comparação');
    expect(changeText(pt, 'pt-BR', null, 12.5)).toBe('sem comparação');
  });
});

describe('pointsText', () => {
  it('moves rates in percentage points', () => {
    expect(pointsText(pt, 'pt-BR', 0.6, 0.55)).toBe('+5 p.p. vs período anterior');
    expect(pointsText(en, 'en', 0.5, 0.625)).toBe('-12.5 p.p. vs previous period');
    expect(pointsText(pt, 'pt-BR', null, 0.5)).toBe('sem comparação');
  });
});

describe('groupLabel', () => {
  it('names months, weeks and owners', () => {
    expect(groupLabel(pt, 'pt-BR', 'month', { key: '2026-10', owner: null })).toMatch(/out\.? de 2026/);
    expect(groupLabel(en, 'en', 'month', { key: '2026-10', owner: null })).toBe('Oct 2026');
    expect(groupLabel(pt, 'pt-BR', 'week', { key: '2026-10-05', owner: null })).toBe('Semana de 05/10/2026');
    expect(groupLabel(pt, 'pt-BR', 'owner', { key: '7', owner: { id: 7, name: 'Ana' } })).toBe('Ana');
  });
});
