import type { Named, TimelineEntry, TimelineStart } from '../../api/types';
import type { TFunction } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { stageName } from '../board/stageName';

const isNamed = (x: unknown): x is Named => typeof x === 'object' && x !== null && 'name' in x;
const isStart = (x: unknown): x is TimelineStart => typeof x === 'object' && x !== null && 'stage' in x;

/** A person as a sentence names them: "Sistema" when the system did it, "Alguém" for a name no longer known. */
function personName(t: TFunction, person: Named | null | undefined, nobody: 'system' | 'nobody'): string {
  if (!person) return t(nobody === 'system' ? 'timeline.system' : 'timeline.nobody');
  return person.name || t('timeline.someone');
}

const stageOf = (t: TFunction, x: unknown) => (isNamed(x) ? stageName(t, x) : t('timeline.unknownStage'));
const moneyOf = (x: unknown) => formatMoney(typeof x === 'number' ? x : Number(x ?? 0));
const textOf = (x: unknown) => (typeof x === 'string' ? x : '');

/**
 * One entry of a deal's history as a sentence in the user's language: "Dona Demo moveu de Qualificado para Proposta
 * enviada", "Sistema transferiu de Ana para Bruno", "Início do histórico: estava em Proposta enviada".
 */
export function timelineSentence(t: TFunction, e: TimelineEntry): string {
  const who = personName(t, e.by, 'system');
  switch (e.kind) {
    case 'created': {
      const start = isStart(e.to) ? e.to : null;
      const stage = stageOf(t, start?.stage);
      if (e.startOfHistory) return t('timeline.startOfHistory', { stage });
      return start?.value != null
        ? t('timeline.createdWithValue', { who, stage, value: formatMoney(start.value) })
        : t('timeline.created', { who, stage });
    }
    case 'stage_changed': {
      const vars = { who, from: stageOf(t, e.from), to: stageOf(t, e.to) };
      return e.lossReason ? t('timeline.movedLost', { ...vars, reason: e.lossReason }) : t('timeline.moved', vars);
    }
    case 'owner_changed': {
      const from = personName(t, isNamed(e.from) ? e.from : null, 'nobody');
      const to = personName(t, isNamed(e.to) ? e.to : null, 'nobody');
      return t('timeline.ownerChanged', { who, from, to });
    }
    case 'value_changed':
      return t('timeline.valueChanged', { who, from: moneyOf(e.from), to: moneyOf(e.to) });
    case 'title_changed':
      return t('timeline.titleChanged', { who, from: textOf(e.from), to: textOf(e.to) });
    case 'note_added':
      return t('timeline.noteAdded', { who });
    case 'activity_completed':
      return e.subject ? t('timeline.activityCompleted', { who, subject: e.subject }) : t('timeline.activityCompletedNoSubject', { who });
    case 'whatsapp_in':
      return t('timeline.whatsappIn');
    case 'whatsapp_out':
      return e.by ? t('timeline.whatsappOut', { who }) : t('timeline.whatsappOutSystem');
    default:
      return t('timeline.changed', { who });
  }
}
