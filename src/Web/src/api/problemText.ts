import type { TFunction } from '../i18n';
import type { MessageKey } from '../i18n/en';
import type { Problem } from './problem';

/**
 * The server writes its messages in English (src/Shared/Http/TextRules.cs, the modules' validators and
 * Problems.*). Known ones are shown in the user's language; anything else falls back to the server's text.
 */

/** Field messages, exact or with numbers captured as variables. */
const fieldMessages: ReadonlyArray<readonly [RegExp, MessageKey, ...string[]]> = [
  [/^Required\.$/, 'srv.required'],
  [/^At most ([\d.,]+) characters\.$/, 'srv.maxLength', 'max'],
  [/^At least ([\d.,]+) characters\.$/, 'srv.minLength', 'min'],
  [/^Must not contain control characters\.$/, 'srv.controlChars'],
  [/^Not a valid e-mail address\.$/, 'srv.emailInvalid'],
  [/^This password is too common; choose another\.$/, 'srv.passwordCommon'],
  [/^Only digits, spaces and \+ - \( \) \.$/, 'srv.phoneChars'],
  [/^Not a phone number\b.*$/, 'srv.phoneInvalid'],
  [/^Must be between 0 and 9,999,999,999\.99\.$/, 'srv.valueRange'],
  [/^Must be between (\S+) and (\S+)\.$/, 'srv.between', 'min', 'max'],
  [/^At most two decimal places\.$/, 'srv.twoDecimals'],
  [/^Must be 1 or more\.$/, 'srv.atLeastOne'],
  [/^No such stage\.$/, 'srv.noStage'],
  [/^No such lead\.$/, 'srv.noLead'],
  [/^No such deal\.$/, 'srv.noDeal'],
  [/^No such user\.$/, 'srv.userNotFound'],
  [/^No such activity type\.$/, 'srv.noActivityType'],
  [/^A time needs a date\.$/, 'srv.timeNeedsDate'],
  [/^A duration needs a time\.$/, 'srv.durationNeedsTime'],
  [/^This deal belongs to another lead\.$/, 'srv.dealOfAnotherLead'],
  [/^Say why the deal was lost\.$/, 'srv.lossReason'],
  [/^A card cannot be placed next to itself\.$/, 'srv.nextToItself'],
  [/^That card is not in the target column\.$/, 'srv.notInColumn'],
  [/^Required: the version you edited\.$/, 'srv.versionRequired'],
  [/^Another lead already has this e-mail\.$/, 'srv.leadEmailTaken'],
  [/^This e-mail already has an account\.$/, 'srv.emailHasAccount'],
  [/^This e-mail already has an account; sign in instead\.$/, 'srv.emailHasAccountSignIn'],
  [/^The owner must be an active user of your company\.$/, 'srv.ownerInvalid'],
  [/^This link is invalid or was already used\.$/, 'srv.linkInvalid'],
  [/^This link has expired; ask for a new one\.$/, 'srv.linkExpired'],
  [/^The current password is not right\.$/, 'srv.currentPasswordWrong'],
  [/^The password is not right\.$/, 'srv.passwordWrong'],
  [/^Type the company's name exactly to confirm\.$/, 'srv.companyMismatch'],
  [/^Type the lead's name exactly to confirm\.$/, 'srv.leadNameMismatch'],
  [/^You can message only the phones of your leads\.$/, 'srv.phoneNotYours'],
  // JSON that does not bind (a letter where a number goes, a missing required field), named on its field.
  [/^Must be a number\.$/, 'srv.mustBeNumber'],
  [/^Must be a whole number\.$/, 'srv.mustBeWhole'],
  [/^Must be text\.$/, 'srv.mustBeText'],
  [/^Must be true or false\.$/, 'srv.mustBeBool'],
  [/^Must be a date\.$/, 'srv.mustBeDate'],
  [/^Not a valid value\.$/, 'srv.notValidValue'],
  // Reports: the period, the grouping, the owner and the format asked for.
  [/^Must not be after to\.$/, 'srv.notAfterTo'],
  [/^The period is at most 3 years\.$/, 'srv.periodMax3Years'],
  [/^Must be month, week or owner\.$/, 'srv.groupByInvalid'],
  [/^Must be json or csv\.$/, 'srv.formatInvalid'],
  [/^The request body is not valid JSON\.$/, 'srv.malformedJson'],
  // WhatsApp in the deal: a lead without a phone, saved replies and their variables.
  [/^This lead has no phone number; add one to talk on WhatsApp\.$/, 'srv.waLeadWithoutPhone'],
  [/^No such saved reply\.$/, 'srv.waTemplateNotFound'],
  [/^Unknown variable \{\{(.+?)\}\}: use \{\{nome\}\}, \{\{empresa\}\} or \{\{vendedor\}\}\.$/, 'srv.templateVariableUnknown', 'variable'],
  // Spreadsheet import: the mapping step's fields.
  [/^Unknown field: use .*$/, 'srv.importFieldUnknown'],
  [/^The file has no such column\.$/, 'srv.importColumnUnknown'],
  [/^Must be skip or update\.$/, 'srv.importDuplicatesInvalid'],
  [/^A lost deal needs its own reason: map a stage column instead\.$/, 'srv.importStageLost'],
  [/^Only a Business Owner chooses another owner\.$/, 'srv.ownerForbidden'],
];

/** Problem codes (`<module>.<what>`) whose meaning does not depend on the message. */
const codeMessages: Readonly<Record<string, MessageKey>> = {
  validation_failed: 'srv.validation_failed',
  rate_limited: 'srv.rateLimited',
  forbidden: 'srv.forbidden',
  not_found: 'srv.notFound',
  'request.invalid': 'srv.requestInvalid',
  'request.malformed_json': 'srv.malformedJson',
  'server.error': 'srv.serverError',
  'database.unavailable': 'srv.databaseUnavailable',
  'auth.unauthenticated': 'common.sessionEnded',
  'identity.refresh_invalid': 'common.sessionEnded',
  'identity.invalid_credentials': 'srv.invalidCredentials',
  'identity.user_inactive': 'srv.userInactive',
  'identity.email_taken': 'srv.emailHasAccount',
  'identity.token_invalid': 'srv.linkInvalid',
  'identity.token_expired': 'srv.linkExpired',
  'identity.wrong_password': 'srv.passwordWrong',
  'identity.company_name_mismatch': 'srv.companyMismatch',
  'lead.confirm_mismatch': 'srv.leadNameMismatch',
  'identity.password_too_common': 'srv.passwordCommon',
  'identity.cannot_deactivate_self': 'srv.cannotDeactivateSelf',
  'identity.last_owner': 'srv.lastOwner',
  'identity.email_already_verified': 'srv.alreadyVerified',
  'identity.user_not_found': 'srv.userNotFound',
  'invitation.email_is_user': 'srv.emailHasAccount',
  'invitation.not_found': 'invite.notFound',
  'invitation.expired': 'invite.expired',
  'invitation.revoked': 'invite.revoked',
  'invitation.accepted': 'invite.accepted',
  'invitation.not_pending': 'srv.inviteNotPending',
  'invitation.inviter_unverified': 'srv.inviterUnverified',
  'invitation.rate_limited': 'srv.inviteRateLimited',
  'lead.email_taken': 'srv.leadEmailTaken',
  'lead.not_found': 'srv.leadNotFound',
  'lead.not_yours': 'srv.leadNotYours',
  'lead.owner_invalid': 'srv.ownerInvalid',
  'lead.owner_forbidden': 'srv.ownerForbidden',
  'deal.not_found': 'srv.dealNotFound',
  'deal.version_conflict': 'srv.versionConflict',
  'deal.owner_invalid': 'srv.ownerInvalid',
  'deal.owner_forbidden': 'srv.ownerForbidden',
  'deal.loss_reason_required': 'srv.lossReason',
  'deal.position_invalid': 'srv.positionInvalid',
  'note.not_found': 'srv.noteNotFound',
  'activity.not_found': 'srv.activityNotFound',
  'activity.owner_invalid': 'srv.ownerInvalid',
  'activity.owner_forbidden': 'srv.ownerForbidden',
  'activity.deal_of_another_lead': 'srv.dealOfAnotherLead',
  'note.not_yours': 'srv.noteNotYours',
  'report.owner_forbidden': 'srv.reportOwnerForbidden',
  'report.owner_invalid': 'srv.userNotFound',
  'report.team_forbidden': 'srv.reportTeamForbidden',
  'whatsapp.not_connected': 'srv.waNotConnected',
  'whatsapp.not_connecting': 'srv.waNotConnecting',
  'whatsapp.gateway_unavailable': 'srv.waUnavailable',
  'whatsapp.chat_not_found': 'srv.waChatNotFound',
  'whatsapp.phone_not_yours': 'srv.phoneNotYours',
  'whatsapp.lead_without_phone': 'srv.waLeadWithoutPhone',
  'whatsapp.template_not_found': 'srv.waTemplateNotFound',
  'whatsapp.template_variable_unknown': 'srv.templateVariableUnknownAny',
  'import.file_empty': 'srv.importFileEmpty',
  'import.file_only_header': 'srv.importFileOnlyHeader',
  'import.file_protected_or_xls': 'srv.importFileProtected',
  'import.file_not_spreadsheet': 'srv.importNotSpreadsheet',
  'import.file_malformed': 'srv.importFileMalformed',
  'import.file_too_large_unpacked': 'srv.importTooLargeUnpacked',
  'import.too_many_rows': 'srv.importTooManyRows',
  'import.too_many_columns': 'srv.importTooManyColumns',
  'import.row_too_large': 'srv.importRowTooLarge',
  'import.file_too_large': 'srv.importFileTooLarge',
  'import.file_required': 'srv.importFileRequired',
  'import.kind_invalid': 'srv.importKindInvalid',
  'import.not_found': 'srv.importNotFound',
  'import.already_started': 'srv.importAlreadyStarted',
  'import.not_mapped': 'srv.importNotMapped',
  'import.finished': 'srv.importFinished',
  'import.owner_forbidden': 'srv.ownerForbidden',
  'import.owner_invalid': 'srv.ownerInvalid',
};

/** Answers without a code (the framework's own, or a proxy's). */
const statusMessages: Readonly<Record<number, MessageKey>> = {
  403: 'srv.forbidden',
  404: 'srv.notFound',
  429: 'srv.rateLimited',
};

/** "15 minutes", "1 minute", "30 seconds": how long to wait, rounded up to whole minutes from a minute on. */
export function waitText(t: TFunction, seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return s === 1 ? t('time.second') : t('time.seconds', { n: s });
  const m = Math.ceil(s / 60);
  return m === 1 ? t('time.minute') : t('time.minutes', { n: m });
}

/** One server message in the user's language, or the message itself when it is not a known one. */
export function serverMessage(t: TFunction, message: string): string {
  const text = message.trim();
  for (const [pattern, key, ...names] of fieldMessages) {
    const m = pattern.exec(text);
    if (!m) continue;
    const vars: Record<string, string> = {};
    names.forEach((name, i) => { vars[name] = m[i + 1]; });
    return t(key, vars);
  }
  return message;
}

/** The messages the server gave for one field, translated where known. */
export function problemFieldMessages(t: TFunction, problem: Problem, field: string): string[] | undefined {
  const msgs = problem.fieldErrors[field];
  if (!msgs || msgs.length === 0) return undefined;
  return [...new Set(msgs.map((m) => serverMessage(t, m)))];
}

/** The form-level sentence for a problem: by code when known, else the server's words (translated if known). */
export function problemMessage(t: TFunction, problem: Problem): string {
  if (problem.status === 0) return t('common.networkError');
  if (problem.status === 429 && problem.retryAfter != null && (problem.code === null || problem.code === 'rate_limited')) {
    return t('srv.rateLimitedWait', { wait: waitText(t, problem.retryAfter) });
  }
  // A body over the server's limit is refused by Kestrel before any endpoint reads it (a file over 20 MB).
  if (problem.status === 413 && (problem.code === null || problem.code === 'request.invalid')) return t('srv.payloadTooLarge');
  const key = problem.code ? codeMessages[problem.code] : undefined;
  if (key === 'srv.validation_failed') {
    const details = [...new Set(Object.values(problem.fieldErrors).flat().map((m) => serverMessage(t, m)))];
    return [t(key), ...details].join(' ');
  }
  if (key) return t(key);
  const byStatus = problem.code ? undefined : statusMessages[problem.status] ?? (problem.status >= 500 ? 'srv.serverError' : undefined);
  if (byStatus) return t(byStatus);
  return serverMessage(t, problem.detail ?? problem.title);
}
