import { describe, expect, it } from 'vitest';
import { formatMoney, formatRelative, parseMoney, readMoney } from './format';

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

describe('readMoney', () => {
  const ok = (input: string, value: number) => expect(readMoney(input)).toEqual({ ok: true, value });
  const refused = (input: string, problem: string) => expect(readMoney(input)).toEqual({ ok: false, problem });
  it('reads the ways a Brazilian types reais', () => {
    ok('1.234,56', 1234.56);
    ok('1234,56', 1234.56);
    ok('1234.56', 1234.56);
    ok('R$ 1.234,56', 1234.56);
    ok('R$\u00a01.234,56', 1234.56);
    ok('1.234.567', 1234567);
    ok('0,5', 0.5);
    ok('9.999.999.999,99', 9999999999.99);
  });
  it('reads empty as 0 only for an optional field', () => {
    ok('', 0);
    ok('  ', 0);
    expect(readMoney('', { required: true })).toEqual({ ok: false, problem: 'required' });
  });
  it('refuses letters and half numbers', () => {
    refused('abc', 'invalid');
    refused('12a', 'invalid');
    refused('R$', 'invalid');
    refused(',50', 'invalid');
    refused('12,', 'invalid');
  });
  it('refuses two decimal separators', () => {
    refused('1,2,3', 'invalid');
    refused('1.2.3', 'invalid');
    refused('1.234.56', 'invalid');
    refused('1,23.45', 'invalid');
  });
  it('refuses a third decimal, negatives and more than 9.999.999.999,99', () => {
    refused('1,234', 'decimals');
    refused('10,555', 'decimals');
    refused('-5', 'negative');
    refused('R$ -5,00', 'negative');
    refused('10.000.000.000,00', 'range');
    refused('9.999.999.999,999', 'decimals');
  });
  it('parseMoney answers null for refused input', () => {
    expect(parseMoney('abc')).toBeNull();
    expect(parseMoney('')).toBeNull();
    expect(parseMoney('-1')).toBeNull();
  });
});
