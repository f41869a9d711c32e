import { describe, expect, it } from 'vitest';
import type { SavedReply } from '../../api/types';
import { filterReplies, PICKER_LIMIT, pickerKey, sendsOnKey, slashQuery } from './replyPicker';

const reply = (id: number, name: string, body = 'Olá {{nome}}'): SavedReply => ({ id, name, body });
const replies = [
  reply(1, 'Boas-vindas', 'Olá {{nome}}, aqui é {{vendedor}} da {{empresa}}.'),
  reply(2, 'Orçamento enviado', 'Enviei o orçamento por e-mail.'),
  reply(3, 'Proposta', 'Segue a proposta com o orçamento revisado.'),
  reply(4, 'Cobrança'),
];
const plain = { shift: false, composing: false };

describe('slashQuery', () => {
  it('opens the picker on a "/" typed at the start, with what follows as the filter', () => {
    expect(slashQuery('/')).toBe('');
    expect(slashQuery('/orc')).toBe('orc');
    expect(slashQuery('/boas vindas')).toBe('boas vindas');
  });

  it('leaves the box alone for a "/" elsewhere or a message of several lines', () => {
    expect(slashQuery('ok /orc')).toBeNull();
    expect(slashQuery('')).toBeNull();
    expect(slashQuery('/orc\nsegunda linha')).toBeNull();
  });
});

describe('filterReplies', () => {
  it('lists every reply for an empty filter', () => {
    expect(filterReplies(replies, '').map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });

  it('ignores case and accents', () => {
    expect(filterReplies(replies, 'ORCA').map((r) => r.id)).toEqual([2, 3]);
    expect(filterReplies(replies, 'cobranca').map((r) => r.id)).toEqual([4]);
  });

  it('puts names that start with the filter first, then names that contain it, then texts', () => {
    const list = [reply(1, 'Envio da proposta'), reply(2, 'Texto', 'a proposta segue'), reply(3, 'Proposta')];

    expect(filterReplies(list, 'proposta').map((r) => r.id)).toEqual([3, 1, 2]);
  });

  it('finds nothing for a filter no reply has', () => {
    expect(filterReplies(replies, 'xyz')).toEqual([]);
  });

  it('lists at most a screenful', () => {
    const many = Array.from({ length: 30 }, (_, i) => reply(i, `Resposta ${i}`));

    expect(filterReplies(many, '')).toHaveLength(PICKER_LIMIT);
  });
});

describe('pickerKey', () => {
  it('moves with the arrows, round the ends', () => {
    expect(pickerKey('ArrowDown', plain, 0, 3)).toEqual({ kind: 'move', active: 1 });
    expect(pickerKey('ArrowDown', plain, 2, 3)).toEqual({ kind: 'move', active: 0 });
    expect(pickerKey('ArrowUp', plain, 0, 3)).toEqual({ kind: 'move', active: 2 });
  });

  it('picks the highlighted option with Enter', () => {
    expect(pickerKey('Enter', plain, 1, 3)).toEqual({ kind: 'pick', index: 1 });
    expect(pickerKey('Enter', plain, 5, 3)).toEqual({ kind: 'pick', index: 2 });
  });

  it('closes with Escape, even with nothing listed', () => {
    expect(pickerKey('Escape', plain, 0, 0)).toEqual({ kind: 'close' });
  });

  it('keeps Enter from sending the "/…" text while the list is open with nothing to pick', () => {
    expect(pickerKey('Enter', plain, 0, 0)).toEqual({ kind: 'hold' });
  });

  it('leaves Shift+Enter, typing and an IME\'s keys to the box', () => {
    expect(pickerKey('Enter', { shift: true, composing: false }, 0, 3)).toBeNull();
    expect(pickerKey('ArrowDown', plain, 0, 0)).toBeNull();
    expect(pickerKey('a', plain, 0, 3)).toBeNull();
    expect(pickerKey('ArrowDown', { shift: false, composing: true }, 0, 3)).toBeNull();
  });
});

describe('sendsOnKey', () => {
  it('sends on Enter, not on Shift+Enter nor while composing an accent', () => {
    expect(sendsOnKey('Enter', plain)).toBe(true);
    expect(sendsOnKey('Enter', { shift: true, composing: false })).toBe(false);
    expect(sendsOnKey('Enter', { shift: false, composing: true })).toBe(false);
    expect(sendsOnKey('a', plain)).toBe(false);
  });
});
