import { describe, expect, it } from 'vitest';
import type { Connection } from '../../api/types';
import { bannerFor, freshMemory, isLost, remember, type BannerMemory } from './connectionBanner';

const connected: Connection = { status: 'Connected', phoneNumber: '5511987654321', instanceName: 'tenant-1' };
const lost: Connection = { status: 'Disconnected', phoneNumber: null, instanceName: 'tenant-1' };
const never: Connection = { status: 'Disconnected', phoneNumber: null, instanceName: null };
const connecting: Connection = { status: 'Connecting', phoneNumber: null, instanceName: 'tenant-1' };
const seen = (...answers: Connection[]): BannerMemory => answers.reduce(remember, freshMemory);

describe('the connection banner', () => {
  it('warns when the company\'s WhatsApp dropped after having been connected', () => {
    expect(isLost(lost)).toBe(true);
    expect(bannerFor(seen(connected, lost), lost, false)).toBe('disconnected');
    expect(bannerFor(seen(lost), lost, false)).toBe('disconnected');
  });

  it('does not nag a company that never connected, or disconnected on purpose', () => {
    expect(isLost(never)).toBe(false);
    expect(bannerFor(seen(never), never, false)).toBeNull();
  });

  it('stays hidden once dismissed for the session', () => {
    expect(bannerFor(seen(lost), lost, true)).toBeNull();
  });

  it('says "reconnected" once when it comes back, also through a QR being scanned', () => {
    expect(bannerFor(seen(lost, connected), connected, false)).toBe('reconnected');
    expect(bannerFor(seen(lost, connecting, connected), connected, false)).toBe('reconnected');
    expect(bannerFor(seen(lost, connecting), connecting, false)).toBeNull();
  });

  it('says nothing while connected from the start', () => {
    expect(bannerFor(seen(connected), connected, false)).toBeNull();
    expect(bannerFor(freshMemory, undefined, false)).toBeNull();
  });

  it('warns again when it drops again after coming back', () => {
    const memory = seen(lost, connected, lost);

    expect(memory).toEqual({ sawLost: true, reconnected: false });
    expect(bannerFor(memory, lost, false)).toBe('disconnected');
  });
});
