import { describe, expect, it } from 'vitest';
import { formatMoney, formatRelative, parseMoney } from './format';

// Intl puts a no-break space between "R$" and the number in pt-BR.
const norm = (s: string) => s.replace(/\u00a0|\u202f/g, ' ');

describe('formatMoney', () => {
  it('formats BRL in pt-BR with comma decimals and dot grouping', () => {
    expect(norm(formatMoney(1234.5))).toBe('R$ 1.234,50');
  });
  it('formats zero and null as R$ 0,00', () => {
    expect(norm(formatMoney(0))).toBe('R$ 0,00');
    expect(norm(formatMoney(null))).toBe('R$ 0,00');
  });
  it('reads the Brazilian way whatever the screen language', () => {
    expect(norm(formatMoney(-1234567.891))).toBe('-R$ 1.234.567,89');
  });
  it('rounds to cents', () => {
    expect(norm(formatMoney(10.005 + 0.001))).toBe('R$ 10,01');
  });
});

describe('parseMoney', () => {
  it('reads pt-BR input', () => { expect(parseMoney('1.234,56')).toBe(1234.56); });
  it('reads en input', () => { expect(parseMoney('1,234.56')).toBe(1234.56); });
  it('reads a plain number', () => { expect(parseMoney('1500')).toBe(1500); });
  it('reads a decimal dot', () => { expect(parseMoney('10.5')).toBe(10.5); });
  it('reads thousands with a dot', () => { expect(parseMoney('R$ 1.500')).toBe(1500); });
  it('answers null for nothing', () => { expect(parseMoney('abc')).toBeNull(); });
});

describe('formatRelative', () => {
  it('says minutes ago', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatRelative('2026-01-01T11:55:00Z', 'en', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-01-01T11:55:00Z', 'pt-BR', now)).toBe('há 5 minutos');
  });
});
