import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { fillReply, replyProblems, unknownVariables } from './templateText';

describe('unknownVariables', () => {
  it('accepts {{nome}}, {{empresa}} and {{vendedor}}, in any case and with spaces inside', () => {
    expect(unknownVariables('Olá {{nome}}, aqui é {{ vendedor }} da {{EMPRESA}}.')).toEqual([]);
  });

  it('names every other variable once, as written', () => {
    expect(unknownVariables('Oi {{cliente}}, {{valor}} e {{cliente}}')).toEqual(['cliente', 'valor']);
  });

  it('does not take single braces or unclosed ones for variables', () => {
    expect(unknownVariables('Preço {valor} e {{valor')).toEqual([]);
  });
});

describe('fillReply', () => {
  it('fills the three variables as the server does', () => {
    const text = fillReply('Olá {{nome}}, aqui é {{ Vendedor }} da {{empresa}}.', { nome: 'Ana', empresa: 'Oficina Sol', vendedor: 'Bruno' });

    expect(text).toBe('Olá Ana, aqui é Bruno da Oficina Sol.');
  });
});

describe('replyProblems', () => {
  it('refuses an unknown variable with the server\'s words, in the user\'s language', () => {
    const found = replyProblems('Boas-vindas', 'Olá {{cliente}}');

    expect(found.body?.key).toBe('srv.templateVariableUnknown');
    expect(translate('pt-BR', found.body!.key, found.body!.vars)).toBe('Variável desconhecida {{cliente}}: use {{nome}}, {{empresa}} ou {{vendedor}}.');
    expect(translate('en', found.body!.key, found.body!.vars)).toBe('Unknown variable {{cliente}}: use {{nome}}, {{empresa}} or {{vendedor}}.');
  });

  it('asks for a name and a text, each within its limit', () => {
    expect(replyProblems(' ', ' ')).toEqual({ name: { key: 'srv.required' }, body: { key: 'srv.required' } });
    expect(replyProblems('x'.repeat(101), 'y'.repeat(4097))).toEqual({
      name: { key: 'srv.maxLength', vars: { max: 100 } },
      body: { key: 'srv.maxLength', vars: { max: 4096 } },
    });
  });

  it('finds nothing wrong in a good reply', () => {
    expect(replyProblems('Boas-vindas', 'Olá {{nome}}!')).toEqual({});
  });
});
