import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from './download';

describe('filenameFromDisposition', () => {
  it('reads the name ASP.NET gives a file', () => {
    expect(filenameFromDisposition("attachment; filename=funil.csv; filename*=UTF-8''funil.csv", 'x.csv')).toBe('funil.csv');
  });

  it('prefers the UTF-8 name, decoded', () => {
    expect(filenameFromDisposition("attachment; filename=\"motivos.csv\"; filename*=UTF-8''motivos-de-perda-%C3%A7.csv", 'x.csv')).toBe('motivos-de-perda-ç.csv');
  });

  it('reads a quoted name', () => {
    expect(filenameFromDisposition('attachment; filename="equipe 2026.csv"', 'x.csv')).toBe('equipe 2026.csv');
  });

  it('falls back without a header or a name', () => {
    expect(filenameFromDisposition(null, 'funil-2026-10-01-2026-10-31.csv')).toBe('funil-2026-10-01-2026-10-31.csv');
    expect(filenameFromDisposition('attachment', 'x.csv')).toBe('x.csv');
    expect(filenameFromDisposition('attachment; filename=""', 'x.csv')).toBe('x.csv');
  });

  it('never lets a name climb out of the downloads folder', () => {
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"', 'x.csv')).toBe('.._.._etc_passwd');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''..", 'x.csv')).toBe('x.csv');
  });
});
