import { describe, expect, it } from 'vitest';
import { ApiError, normaliseFieldKey, parseProblem, parseRetryAfter } from './problem';

describe('parseProblem', () => {
  it('reads code, title, detail and per-field errors', () => {
    const p = parseProblem(409, {
      title: 'Conflict', status: 409, detail: 'E-mail taken', code: 'lead.email_taken',
      errors: { email: ['This e-mail is already a lead.'] },
    });
    expect(p).toEqual({ status: 409, code: 'lead.email_taken', title: 'Conflict', detail: 'E-mail taken', fieldErrors: { email: ['This e-mail is already a lead.'] } });
  });
  it('camel-cases PascalCase field keys and merges duplicates', () => {
    const p = parseProblem(400, { errors: { Email: ['bad'], email: ['worse'], CompanyName: 'Required.' } });
    expect(p.fieldErrors).toEqual({ email: ['bad', 'worse'], companyName: ['Required.'] });
  });
  it('falls back on a non-JSON body', () => {
    const p = parseProblem(502, 'Bad gateway', 'Bad Gateway');
    expect(p).toEqual({ status: 502, code: null, title: 'Bad Gateway', detail: null, fieldErrors: {} });
  });
  it('reads list-shaped errors', () => {
    const p = parseProblem(400, { errors: [{ name: 'Title', reason: 'Too long' }] });
    expect(p.fieldErrors).toEqual({ title: ['Too long'] });
  });
  it('ApiError exposes the problem', () => {
    const e = new ApiError(parseProblem(401, { title: 'Wrong e-mail or password.', code: 'identity.invalid_credentials' }));
    expect(e.status).toBe(401);
    expect(e.code).toBe('identity.invalid_credentials');
    expect(e.message).toBe('Wrong e-mail or password.');
  });
});

describe('normaliseFieldKey', () => {
  it('strips body prefixes', () => {
    expect(normaliseFieldKey('$.lossReason')).toBe('lossReason');
    expect(normaliseFieldKey('body.Email')).toBe('email');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('900')).toBe(900);
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
