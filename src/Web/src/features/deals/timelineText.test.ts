import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types';
import { translate, type TFunction } from '../../i18n';
import { timelineSentence } from './timelineText';

const pt: TFunction = (k, v) => translate('pt-BR', k, v);
const en: TFunction = (k, v) => translate('en', k, v);
const norm = (s: string) => s.replace(/\u00a0|\u202f/g, ' ');

const entry = (e: Partial<TimelineEntry>): TimelineEntry => ({
  id: 1, at: '2026-10-05T12:00:00Z', kind: 'note_added', by: { id: 1, name: 'Dona Demo' }, from: null, to: null,
  lossReason: null, noteId: null, activityId: null, subject: null, startOfHistory: false, ...e,
});
const stage = (id: number, name: string) => ({ id, name });

describe('timelineSentence', () => {
  it('says who moved the deal between which stages, in the user\'s language', () => {
    const moved = entry({ kind: 'stage_changed', from: stage(3, 'Qualified'), to: stage(4, 'Proposal Sent') });
    expect(timelineSentence(pt, moved)).toBe('Dona Demo moveu de Qualificado para Proposta enviada');
    expect(timelineSentence(en, moved)).toBe('Dona Demo moved it from Qualified to Proposal sent');
  });

  it('gives the reason of a move to Lost', () => {
    const lost = entry({ kind: 'stage_changed', from: stage(5, 'Negotiation'), to: stage(7, 'Lost'), lossReason: 'Preço' });
    expect(timelineSentence(pt, lost)).toBe('Dona Demo moveu de Negociação para Perdido, motivo: «Preço»');
  });

  it('shows a change of value in reais', () => {
    const value = entry({ kind: 'value_changed', by: { id: 2, name: 'Sam' }, from: 1000, to: 1500 });
    expect(norm(timelineSentence(pt, value))).toBe('Sam mudou o valor de R$ 1.000,00 para R$ 1.500,00');
  });

  it('names the system when nobody did it, as in a hand-over', () => {
    const handOver = entry({ kind: 'owner_changed', by: null, from: { id: 3, name: 'Ana' }, to: { id: 4, name: 'Bruno' } });
    expect(timelineSentence(pt, handOver)).toBe('Sistema transferiu de Ana para Bruno');
    expect(timelineSentence(en, handOver)).toBe('System handed it over from Ana to Bruno');
  });

  it('tells notes, completed activities and new titles', () => {
    expect(timelineSentence(pt, entry({ by: { id: 5, name: 'Maria' }, noteId: 9 }))).toBe('Maria adicionou uma nota');
    expect(timelineSentence(pt, entry({ kind: 'activity_completed', by: { id: 2, name: 'Sam' }, activityId: 4, subject: 'Ligar de volta' })))
      .toBe('Sam concluiu a atividade «Ligar de volta»');
    expect(timelineSentence(en, entry({ kind: 'title_changed', from: 'Old', to: 'New' }))).toBe('Dona Demo renamed it from “Old” to “New”');
  });

  it('tells a creation with its stage and value', () => {
    const created = entry({ kind: 'created', to: { stage: stage(1, 'New Lead'), value: 2500, owner: { id: 1, name: 'Dona Demo' }, title: 'Revisão' } });
    expect(norm(timelineSentence(pt, created))).toBe('Dona Demo criou o negócio em Novo lead com R$ 2.500,00');
  });

  it('marks the start of history instead of a creation', () => {
    const start = entry({ kind: 'created', by: null, startOfHistory: true, to: { stage: stage(4, 'Proposal Sent'), value: 100, owner: null, title: 'X' } });
    expect(timelineSentence(pt, start)).toBe('Início do histórico: estava em Proposta enviada');
    expect(timelineSentence(en, start)).toBe('Start of history: it was in Proposal sent');
  });

  it('keeps a stage it does not know by its own name, and someone gone as "Alguém"', () => {
    const custom = entry({ kind: 'stage_changed', by: { id: 8, name: '' }, from: stage(9, 'Vistoria'), to: stage(3, 'Qualified') });
    expect(timelineSentence(pt, custom)).toBe('Alguém moveu de Vistoria para Qualificado');
  });

  it('tells WhatsApp messages by their direction', () => {
    expect(timelineSentence(pt, entry({ kind: 'whatsapp_in', by: null }))).toBe('Mensagem de WhatsApp recebida');
    expect(timelineSentence(pt, entry({ kind: 'whatsapp_out' }))).toBe('Dona Demo enviou uma mensagem de WhatsApp');
  });
});
