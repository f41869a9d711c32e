import { describe, expect, it } from 'vitest';
import { translate, type TFunction } from '../../i18n';
import { awaitingReplyLabel, waitingFor } from './awaitingReply';

const pt: TFunction = (k, v) => translate('pt-BR', k, v);
const en: TFunction = (k, v) => translate('en', k, v);
const now = Date.parse('2026-11-28T15:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('awaitingReplyLabel', () => {
  it('says minutes under an hour', () => {
    expect(awaitingReplyLabel(pt, ago(5 * MIN), now)).toBe('aguardando resposta há 5 min');
    expect(awaitingReplyLabel(en, ago(5 * MIN), now)).toBe('awaiting reply for 5 min');
  });

  it('says hours under a day, rounded down', () => {
    expect(awaitingReplyLabel(pt, ago(2 * HOUR + 59 * MIN), now)).toBe('aguardando resposta há 2 h');
  });

  it('says days from a day on', () => {
    expect(awaitingReplyLabel(pt, ago(3 * DAY + 5 * HOUR), now)).toBe('aguardando resposta há 3 dias');
    expect(awaitingReplyLabel(pt, ago(DAY), now)).toBe('aguardando resposta há 1 dia');
    expect(awaitingReplyLabel(en, ago(3 * DAY), now)).toBe('awaiting reply for 3 days');
  });

  it('says at least a minute, even for a message that just came in or a clock a little ahead', () => {
    expect(waitingFor(ago(10_000), now)).toEqual({ unit: 'min', n: 1 });
    expect(waitingFor(ago(-30_000), now)).toEqual({ unit: 'min', n: 1 });
  });

  it('turns at the hour and at the day', () => {
    expect(waitingFor(ago(59 * MIN), now)).toEqual({ unit: 'min', n: 59 });
    expect(waitingFor(ago(HOUR), now)).toEqual({ unit: 'h', n: 1 });
    expect(waitingFor(ago(23 * HOUR + 59 * MIN), now)).toEqual({ unit: 'h', n: 23 });
    expect(waitingFor(ago(DAY), now)).toEqual({ unit: 'day', n: 1 });
  });
});
