import type { TFunction } from '../../i18n';
import type { MessageKey } from '../../i18n/en';

/** The anonymize dialog lets the action through once the lead's name is typed again (spaces around and case aside), as the server checks. */
export function confirmsName(typed: string, name: string): boolean {
  const a = typed.trim();
  return a.length > 0 && a.toLocaleLowerCase() === name.trim().toLocaleLowerCase();
}

/** The audit actions the SPA names in words (AuditActions on the server); an unknown one is shown as it came. */
const actionKeys: Readonly<Record<string, MessageKey>> = {
  import: 'audit.action.import',
  export: 'audit.action.export',
  company_export: 'audit.action.company_export',
  personal_data: 'audit.action.personal_data',
  anonymize: 'audit.action.anonymize',
  lead_deleted: 'audit.action.lead_deleted',
  user_deactivated: 'audit.action.user_deactivated',
  user_reactivated: 'audit.action.user_reactivated',
  role_changed: 'audit.action.role_changed',
  company_deleted: 'audit.action.company_deleted',
};

export function auditActionKey(action: string): MessageKey | null {
  return Object.prototype.hasOwnProperty.call(actionKeys, action) ? actionKeys[action] : null;
}

/**
 * An audit entry's subject in the user's language when it is one the server writes in a known form ("lead #12",
 * "user #3 (Bruno)"); anything else (a file name, counts) as it came.
 */
export function auditSubjectText(t: TFunction, subject: string): string {
  const lead = /^lead #(\d+)$/.exec(subject);
  if (lead) return t('audit.subject.lead', { id: lead[1] });
  const user = /^user #(\d+) \((.*)\)$/s.exec(subject);
  if (user) return t('audit.subject.user', { id: user[1], name: user[2] });
  return subject;
}
