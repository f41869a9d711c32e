import type { TFunction } from '../../i18n';
import type { MessageKey } from '../../i18n/en';

/** The seeded types by id (the server's ActivityTypeIds): board cards carry only a type id. */
export const seededTypes: Readonly<Record<number, string>> = {
  1: 'Call',
  2: 'WhatsApp',
  3: 'Meeting',
  4: 'E-mail',
  5: 'Visit',
  6: 'Task',
};

export const WHATSAPP_TYPE_ID = 2;

/** A type's name in the user's language; the server names them in English, as it does stages. */
export function activityTypeName(t: TFunction, type: { id?: number; name?: string } | null | undefined): string {
  const name = type?.name ?? (type?.id !== undefined ? seededTypes[type.id] : undefined) ?? '';
  return Object.values(seededTypes).includes(name) ? t(`activityType.${name}` as MessageKey) : name;
}
