import type { MessageKey } from '../../i18n/en';
import { readMoney } from '../../lib/format';
import { moneyProblemKey } from '../../lib/moneyText';

export interface NewDealForm {
  leadId: string;
  title: string;
  value: string;
}

export type NewDealCheck =
  | { ok: true; value: number }
  | { ok: false; errors: Partial<Record<keyof NewDealForm, MessageKey>> };

/**
 * What the quick-add form checks before sending: a lead and a title are required, the value (optional, empty is
 * R$ 0,00) must read as money. An empty form used to reach the server and come back with .NET's JSON error.
 */
export function checkNewDeal(form: NewDealForm): NewDealCheck {
  const errors: Partial<Record<keyof NewDealForm, MessageKey>> = {};
  if (!form.leadId) errors.leadId = 'srv.required';
  if (!form.title.trim()) errors.title = 'srv.required';
  const money = readMoney(form.value);
  if (!money.ok) errors.value = moneyProblemKey[money.problem];
  if (Object.keys(errors).length > 0 || !money.ok) return { ok: false, errors };
  return { ok: true, value: money.value };
}
