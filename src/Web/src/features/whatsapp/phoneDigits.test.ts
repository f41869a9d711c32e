import { describe, expect, it } from 'vitest';
import { isAboutPhone, readLiveData, whatsAppDigits } from './phoneDigits';

describe('whatsAppDigits', () => {
  it('writes a Brazilian number with its area code the way WhatsApp does', () => {
    expect(whatsAppDigits('+55 (11) 98765-4321')).toBe('5511987654321');
    expect(whatsAppDigits('(11) 98765-4321')).toBe('5511987654321');
    expect(whatsAppDigits('011 98765 4321')).toBe('5511987654321');
    expect(whatsAppDigits('11 3333-4444')).toBe('551133334444');
    expect(whatsAppDigits('5511987654321')).toBe('5511987654321');
  });

  it('keeps the country code of an international number', () => {
    expect(whatsAppDigits('+1 415 555 0100')).toBe('14155550100');
    expect(whatsAppDigits('0044 20 7946 0958')).toBe('442079460958');
  });

  it('says null for what cannot be a phone', () => {
    expect(whatsAppDigits('')).toBeNull();
    expect(whatsAppDigits(null)).toBeNull();
    expect(whatsAppDigits('1234')).toBeNull();
  });
});

describe('isAboutPhone', () => {
  it('matches an event by its phone or by its chat id', () => {
    expect(isAboutPhone({ phone: '5511987654321' }, '5511987654321')).toBe(true);
    expect(isAboutPhone({ remoteJid: '5511987654321@s.whatsapp.net' }, '5511987654321')).toBe(true);
    expect(isAboutPhone({ phone: '5511000000000', remoteJid: '5511000000000@s.whatsapp.net' }, '5511987654321')).toBe(false);
    expect(isAboutPhone({ phone: '5511987654321' }, null)).toBe(false);
  });

  it('reads an event\'s data, or nothing from a broken one', () => {
    expect(readLiveData('{"phone":"5511987654321","connected":true}')).toEqual({ phone: '5511987654321', connected: true });
    expect(readLiveData('not json')).toEqual({});
  });
});
