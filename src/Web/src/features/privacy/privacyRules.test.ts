import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../i18n/en';
import { translate } from '../../i18n';
import { ptBR } from '../../i18n/ptBR';
import { auditActionKey, auditSubjectText, confirmsName } from './privacyRules';

describe('confirmsName', () => {
  it('accepts the name typed again, spaces around and letter case aside', () => {
    expect(confirmsName('  ana beatriz SOUZA ', 'Ana Beatriz Souza')).toBe(true);
    expect(confirmsName('João', 'JOÃO')).toBe(true);
  });
  it('refuses another name, a part of it, or nothing', () => {
    expect(confirmsName('Ana Souza', 'Ana Beatriz Souza')).toBe(false);
    expect(confirmsName('', '')).toBe(false);
    expect(confirmsName('   ', 'Ana')).toBe(false);
  });
});

describe('auditActionKey', () => {
  it('names every action the server writes, in both languages', () => {
    for (const action of ['import', 'export', 'company_export', 'personal_data', 'anonymize', 'lead_deleted', 'user_deactivated', 'user_reactivated', 'role_changed', 'company_deleted']) {
      const key = auditActionKey(action);
      expect(key).not.toBeNull();
      expect(en[key!]).toBeTruthy();
      expect(ptBR[key!]).toBeTruthy();
    }
  });
  it('leaves an unknown action to be shown as it came', () => {
    expect(auditActionKey('something_new')).toBeNull();
    expect(auditActionKey('toString')).toBeNull();
  });
});

describe('auditSubjectText', () => {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('pt-BR', key, vars);
  it('says the known forms in the user language', () => {
    expect(auditSubjectText(t, 'lead #12')).toBe('lead nº 12');
    expect(auditSubjectText(t, 'user #3 (Bruno Vendas)')).toBe('Bruno Vendas (usuário nº 3)');
  });
  it('shows anything else as it came', () => {
    expect(auditSubjectText(t, 'leads.xlsx: 120 created, 3 failed')).toBe('leads.xlsx: 120 created, 3 failed');
  });
});
