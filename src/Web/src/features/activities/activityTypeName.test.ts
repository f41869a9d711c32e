import { describe, expect, it } from 'vitest';
import { translate, type TFunction } from '../../i18n';
import { en } from '../../i18n/en';
import { ptBR } from '../../i18n/ptBR';
import { activityTypeName, seededTypes } from './activityTypeName';

const pt: TFunction = (key, vars) => translate('pt-BR', key, vars);

describe('activityTypeName', () => {
  it('translates the seeded types to Portuguese', () => {
    const names = Object.keys(seededTypes).map((id) => activityTypeName(pt, { id: Number(id), name: seededTypes[Number(id)] }));
    expect(names).toEqual(['Ligação', 'WhatsApp', 'Reunião', 'E-mail', 'Visita', 'Tarefa']);
  });
  it('finds the name from the id alone (board cards carry only the id)', () => {
    expect(activityTypeName(pt, { id: 5 })).toBe('Visita');
  });
  it('shows an unknown type as the server named it', () => {
    expect(activityTypeName(pt, { id: 99, name: 'Demo' })).toBe('Demo');
  });
  it('has every activity and agenda text in both languages', () => {
    const ours = Object.keys(en).filter((k) => /^(activity|activityType|agenda)\.|^settings\.(dailyDigest|calendar|rotate|cop)/.test(k));
    expect(ours.length).toBeGreaterThan(50);
    for (const k of ours) expect((ptBR as Record<string, string>)[k], k).toBeTruthy();
  });
});
