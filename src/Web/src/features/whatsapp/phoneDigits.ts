/**
 * A phone as WhatsApp writes it: digits with the country code, Brazil's 55 added to a number with its area code.
 * The twin of the server's PhoneNumbers.ToDigits (a lead's `phone_digits`, a live event's `phone`):
 * "+55 (11) 98765-4321", "011 98765 4321", "11987654321" → "5511987654321"; "+1 415 555 0100" keeps its own code.
 * Null when it cannot be a phone number.
 */
export function whatsAppDigits(phone: string | null | undefined): string | null {
  const trimmed = (phone ?? '').trim();
  if (!trimmed) return null;
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('00')) digits = digits.slice(2);
  else if (!international) digits = digits.replace(/^0+/, ''); // trunk prefix: 011 9876… → 11 9876…
  if (!international && (digits.length === 10 || digits.length === 11)) digits = `55${digits}`;
  return digits.length >= 10 && digits.length <= 15 ? digits : null;
}

/** What a live WhatsApp event says (the data of /api/whatsapp/events), as far as the screens need it. */
export interface LiveWhatsAppData {
  remoteJid?: string | null;
  phone?: string | null;
  connected?: boolean | null;
}

export function readLiveData(data: string): LiveWhatsAppData {
  try {
    const parsed: unknown = JSON.parse(data);
    return parsed && typeof parsed === 'object' ? parsed as LiveWhatsAppData : {};
  } catch {
    return {};
  }
}

/** The event is about the chat of these digits (its phone, or its chat id "5511…@s.whatsapp.net"). */
export function isAboutPhone(data: LiveWhatsAppData, digits: string | null): boolean {
  if (!digits) return false;
  return data.phone === digits || (data.remoteJid ?? '').split('@')[0] === digits;
}
