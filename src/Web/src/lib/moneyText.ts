import type { MessageKey } from '../i18n/en';
import type { MoneyProblem } from './format';

/** What a money field says when its input was refused. */
export const moneyProblemKey: Readonly<Record<MoneyProblem, MessageKey>> = {
  invalid: 'money.invalid',
  negative: 'money.negative',
  decimals: 'srv.twoDecimals',
  range: 'srv.valueRange',
  required: 'srv.required',
};
