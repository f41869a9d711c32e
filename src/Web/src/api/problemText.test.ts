import { describe, expect, it } from 'vitest';
import { translate, type TFunction } from '../i18n';
import { parseProblem } from './problem';
import { problemFieldMessages, problemMessage, serverMessage, waitText } from './problemText';

const pt: TFunction = (k, v) => translate('pt-BR', k, v);
const en: TFunction = (k, v) => translate('en', k, v);

describe('serverMessage', () => {
  it('translates the validators\' fixed messages', () => {
    expect(serverMessage(pt, 'Required.')).toBe('Obrigatório.');
    expect(serverMessage(pt, 'Not a valid e-mail address.')).toBe('Endereço de e-mail inválido.');
    expect(serverMessage(pt, 'This password is too common; choose another.')).toBe('Esta senha é comum demais; escolha outra.');
    expect(serverMessage(pt, 'Another lead already has this e-mail.')).toBe('Outro lead já tem este e-mail.');
    expect(serverMessage(pt, "Type the company's name exactly to confirm.")).toBe('Digite o nome da empresa exatamente para confirmar.');
  });
  it('keeps the numbers of length and range messages', () => {
    expect(serverMessage(pt, 'At most 200 characters.')).toBe('No máximo 200 caracteres.');
    expect(serverMessage(pt, 'At most 10,000 characters.')).toBe('No máximo 10,000 caracteres.');
    expect(serverMessage(pt, 'At least 8 characters.')).toBe('No mínimo 8 caracteres.');
    expect(serverMessage(pt, 'Must be between 1 and 100.')).toBe('Deve estar entre 1 e 100.');
    expect(serverMessage(pt, 'Must be between 0 and 9,999,999,999.99.')).toBe('Deve estar entre 0 e 9.999.999.999,99.');
  });
  it('gives English back in English', () => {
    expect(serverMessage(en, 'At most 200 characters.')).toBe('At most 200 characters.');
    expect(serverMessage(en, 'Required.')).toBe('Required.');
  });
  it('translates the reports\' refusals of a period, a grouping or an owner', () => {
    expect(serverMessage(pt, 'Must not be after to.')).toBe('Não pode ser depois da data final.');
    expect(serverMessage(pt, 'The period is at most 3 years.')).toBe('O período pode ter no máximo 3 anos.');
    expect(serverMessage(pt, 'Must be a date.')).toBe('Informe uma data.');
    expect(serverMessage(pt, 'Must be month, week or owner.')).toBe('Deve ser mês, semana ou responsável.');
    expect(serverMessage(pt, 'No such user.')).toBe('Usuário não encontrado.');
  });
  it('falls back to the server text for unknown messages', () => {
    expect(serverMessage(pt, 'The gateway said no: number blocked')).toBe('The gateway said no: number blocked');
  });
});

describe('problemFieldMessages', () => {
  it('translates every message of a field and drops duplicates', () => {
    const p = parseProblem(400, { code: 'validation_failed', errors: { Email: ['Required.', 'Not a valid e-mail address.'], email: ['Required.'] } });
    expect(problemFieldMessages(pt, p, 'email')).toEqual(['Obrigatório.', 'Endereço de e-mail inválido.']);
    expect(problemFieldMessages(pt, p, 'name')).toBeUndefined();
  });
  it('translates a conflict named on a field', () => {
    const p = parseProblem(409, { title: 'Another lead already has this e-mail.', code: 'lead.email_taken', errors: { email: ['Another lead already has this e-mail.'] } });
    expect(problemFieldMessages(pt, p, 'email')).toEqual(['Outro lead já tem este e-mail.']);
  });
});

describe('problemMessage', () => {
  it('reads known codes in the user\'s language', () => {
    const p = parseProblem(401, { title: 'Wrong e-mail or password.', code: 'identity.invalid_credentials' });
    expect(problemMessage(pt, p)).toBe('E-mail ou senha incorretos.');
    expect(problemMessage(en, p)).toBe('Wrong e-mail or password.');
  });
  it('lists the field messages of a validation failure', () => {
    const p = parseProblem(400, { title: 'Some fields are invalid.', code: 'validation_failed', errors: { lossReason: ['Say why the deal was lost.'] } });
    expect(problemMessage(pt, p)).toBe('Alguns campos são inválidos. Diga por que o negócio foi perdido.');
  });
  it('falls back to the server detail, then title, for unknown codes', () => {
    expect(problemMessage(pt, parseProblem(400, { title: 'Refused', detail: 'Number blocked by the gateway', code: 'whatsapp.send_refused' }))).toBe('Number blocked by the gateway');
    expect(problemMessage(pt, parseProblem(400, { title: 'Refused by the gateway', code: 'whatsapp.send_refused' }))).toBe('Refused by the gateway');
  });
  it('translates a known message even under an unknown code', () => {
    expect(problemMessage(pt, parseProblem(400, { title: 'Required.', code: 'something.new' }))).toBe('Obrigatório.');
  });
  it('explains answers without a body by their status', () => {
    expect(problemMessage(pt, parseProblem(404, undefined, 'Not Found'))).toBe('Não encontrado.');
    expect(problemMessage(pt, parseProblem(502, 'Bad gateway', 'Bad Gateway'))).toBe('Algo deu errado do nosso lado.');
  });
  it('says when the server cannot be reached', () => {
    expect(problemMessage(pt, { status: 0, code: 'network', title: 'Network error', detail: null, fieldErrors: {} })).toBe('Sem conexão com o servidor. Verifique sua rede.');
  });
});

describe('WhatsApp in the deal', () => {
  it('says a lead has no phone in the user\'s language', () => {
    const p = parseProblem(409, { title: 'This lead has no phone number; add one to talk on WhatsApp.', code: 'whatsapp.lead_without_phone' });
    expect(problemMessage(pt, p)).toBe('Este lead não tem telefone; adicione um para conversar pelo WhatsApp.');
  });
  it('names the unknown variable of a saved reply on its field', () => {
    const p = parseProblem(400, {
      code: 'whatsapp.template_variable_unknown',
      errors: { body: ['Unknown variable {{cliente}}: use {{nome}}, {{empresa}} or {{vendedor}}.'] },
    });
    expect(problemFieldMessages(pt, p, 'body')).toEqual(['Variável desconhecida {{cliente}}: use {{nome}}, {{empresa}} ou {{vendedor}}.']);
    expect(problemFieldMessages(en, p, 'body')).toEqual(['Unknown variable {{cliente}}: use {{nome}}, {{empresa}} or {{vendedor}}.']);
  });
  it('says an unknown saved reply on its field', () => {
    const p = parseProblem(404, { code: 'whatsapp.template_not_found', errors: { templateId: ['No such saved reply.'] } });
    expect(problemFieldMessages(pt, p, 'templateId')).toEqual(['Resposta salva não encontrada.']);
    expect(problemMessage(pt, p)).toBe('Resposta salva não encontrada.');
  });
});

describe('spreadsheet import', () => {
  it('says why a file was refused in the user\'s language, by its code', () => {
    const refused = (code: string, status = 400) => parseProblem(status, { title: 'x', code, errors: { file: ['The server\'s English words.'] } });
    expect(problemMessage(pt, refused('import.file_protected_or_xls'))).toBe('A planilha tem senha ou é um .xls antigo: salve-a como .xlsx ou .csv, sem senha.');
    expect(problemMessage(pt, refused('import.file_only_header'))).toBe('A planilha só tem a linha de cabeçalho, sem linhas de dados.');
    expect(problemMessage(en, refused('import.too_many_rows', 413))).toBe('The spreadsheet has more than 100,000 rows: split it into smaller files.');
    const codes = ['import.file_empty', 'import.file_not_spreadsheet', 'import.file_malformed', 'import.file_too_large_unpacked',
      'import.too_many_columns', 'import.row_too_large', 'import.file_too_large'];
    for (const code of codes) expect(problemMessage(pt, refused(code))).not.toMatch(/English|srv\./);
  });
  it('says a body too large for the server (refused before any endpoint) is too large', () => {
    expect(problemMessage(pt, parseProblem(413, { title: 'Request body too large.', code: 'request.invalid' }))).toBe('O que foi enviado é grande demais.');
    expect(problemMessage(pt, parseProblem(413, undefined))).toBe('O que foi enviado é grande demais.');
  });
  it('names a mapping refusal on its field', () => {
    const p = parseProblem(400, { code: 'import.column_unknown', errors: { 'mapping.email': ['The file has no such column.'] } });
    expect(problemFieldMessages(pt, p, 'mapping.email')).toEqual(['A planilha não tem essa coluna.']);
    const lost = parseProblem(400, { code: 'validation_failed', errors: { stageId: ['A lost deal needs its own reason: map a stage column instead.'] } });
    expect(problemFieldMessages(en, lost, 'stageId')).toEqual(['A lost deal needs its own reason: map a stage column (and a loss reason) instead.']);
  });
});

describe('JSON that does not bind', () => {
  it('translates the binding messages the server names on a field', () => {
    expect(serverMessage(pt, 'Must be a number.')).toBe('Informe um número.');
    expect(serverMessage(pt, 'Must be a whole number.')).toBe('Informe um número inteiro.');
    expect(serverMessage(pt, 'Must be text.')).toBe('Informe um texto.');
    expect(serverMessage(pt, 'Must be true or false.')).toBe('Informe verdadeiro ou falso.');
    expect(serverMessage(pt, 'Must be a date.')).toBe('Informe uma data.');
    expect(serverMessage(pt, 'Not a valid value.')).toBe('Valor inválido.');
    expect(serverMessage(en, 'Must be a number.')).toBe('Must be a number.');
  });
  it('shows "Required." and "Must be a number." on their fields, never .NET text', () => {
    const p = parseProblem(400, { code: 'validation_failed', errors: { leadId: ['Required.'], value: ['Must be a number.'] } });
    expect(problemFieldMessages(pt, p, 'leadId')).toEqual(['Obrigatório.']);
    expect(problemFieldMessages(pt, p, 'value')).toEqual(['Informe um número.']);
  });
  it('says a body that is not JSON at form level', () => {
    const p = parseProblem(400, { title: 'The request body is not valid JSON.', code: 'request.malformed_json', errors: { '': ['The request body is not valid JSON.'] } });
    expect(problemMessage(pt, p)).toBe('Os dados enviados não são um JSON válido.');
    expect(problemMessage(en, p)).toBe('The request body is not valid JSON.');
  });
});

describe('a refused sign-in says how long to wait', () => {
  const limited = (retryAfter?: number) => parseProblem(429, { title: 'Too many attempts for this account; try again later.', code: 'rate_limited' }, 'Too Many Requests', retryAfter);
  it('in minutes, rounded up', () => {
    expect(problemMessage(pt, limited(900))).toBe('Muitas tentativas. Tente de novo em 15 minutos.');
    expect(problemMessage(pt, limited(61))).toBe('Muitas tentativas. Tente de novo em 2 minutos.');
    expect(problemMessage(pt, limited(60))).toBe('Muitas tentativas. Tente de novo em 1 minuto.');
    expect(problemMessage(en, limited(900))).toBe('Too many attempts. Try again in 15 minutes.');
  });
  it('in seconds under a minute', () => {
    expect(problemMessage(pt, limited(30))).toBe('Muitas tentativas. Tente de novo em 30 segundos.');
    expect(problemMessage(pt, limited(1))).toBe('Muitas tentativas. Tente de novo em 1 segundo.');
    expect(problemMessage(en, limited(45))).toBe('Too many attempts. Try again in 45 seconds.');
  });
  it('without Retry-After, as before', () => {
    expect(problemMessage(pt, limited())).toBe('Tentativas demais; tente de novo mais tarde.');
  });
  it('waitText', () => {
    expect(waitText(en, 0)).toBe('1 second');
    expect(waitText(en, 59.2)).toBe('1 minute');
    expect(waitText(pt, 3600)).toBe('60 minutos');
  });
});
