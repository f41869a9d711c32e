import type { MessageKey } from '../../i18n/en';

/** The server's limits for a saved reply (whatsapp.whatsapp_templates). */
export const MAX_REPLY_NAME = 100;
export const MAX_REPLY_BODY = 4096;

/** {{nome}} (the lead), {{empresa}} (the company), {{vendedor}} (who sends): the only variables a saved reply may use. */
export const REPLY_VARIABLES = ['nome', 'empresa', 'vendedor'] as const;

// The server's rule (TemplateText.Variable): spaces inside the braces allowed, names case-insensitive.
const variable = () => /\{\{\s*([^{}\s]+)\s*\}\}/g;

const isKnown = (name: string) => (REPLY_VARIABLES as readonly string[]).includes(name.toLowerCase());

/** The variables of a text that are not one of the three, as written, each once, in order. */
export function unknownVariables(body: string): string[] {
  const found = [...body.matchAll(variable())].map((m) => m[1]).filter((name) => !isKnown(name));
  return [...new Set(found)];
}

/** The text with its variables filled in, as the server does when it sends (a preview: the server's word is final). */
export function fillReply(body: string, values: { nome: string; empresa: string; vendedor: string }): string {
  return body.replace(variable(), (whole, name: string) => {
    const key = name.toLowerCase();
    return isKnown(key) ? values[key as keyof typeof values] : whole;
  });
}

export interface FieldProblem {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

/** What the server would refuse in a saved reply, found before sending it (the server checks again). */
export function replyProblems(name: string, body: string): Partial<Record<'name' | 'body', FieldProblem>> {
  const found: Partial<Record<'name' | 'body', FieldProblem>> = {};
  if (!name.trim()) found.name = { key: 'srv.required' };
  else if (name.trim().length > MAX_REPLY_NAME) found.name = { key: 'srv.maxLength', vars: { max: MAX_REPLY_NAME } };
  const unknown = unknownVariables(body);
  if (!body.trim()) found.body = { key: 'srv.required' };
  else if (body.trim().length > MAX_REPLY_BODY) found.body = { key: 'srv.maxLength', vars: { max: MAX_REPLY_BODY } };
  else if (unknown.length > 0) found.body = { key: 'srv.templateVariableUnknown', vars: { variable: unknown[0] } };
  return found;
}
