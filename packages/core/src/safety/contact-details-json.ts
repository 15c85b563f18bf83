import { type ContactDetailKind, findContactDetails, redactContactDetails } from './contact-details.ts';

/** Where in a JSON value a contact detail is: `likes.0`, `summary` (the keys from the root, dotted). */
export interface ContactDetailInJson {
  path: string;
  kind: ContactDetailKind;
}

/**
 * The first contact detail in any text of a JSON value (memory_data, persona_data), or null. Walks
 * depth-first in key order, so the answer is stable for a given value.
 */
export function findContactDetailsInJson(value: unknown, path: string[] = []): ContactDetailInJson | null {
  if (typeof value === 'string') {
    const [detail] = findContactDetails(value);
    return detail ? { path: path.join('.'), kind: detail.kind } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const found = findContactDetailsInJson(child, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** A JSON value with every contact detail in its texts redacted (keys are left as they are), and how many went. */
export function redactContactDetailsInJson<T>(value: T): { value: T; redactions: number } {
  let redactions = 0;
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') {
      const redacted = redactContactDetails(item);
      redactions += redacted.redactions.length;
      return redacted.text;
    }
    if (Array.isArray(item)) return item.map(walk);
    if (item !== null && typeof item === 'object') {
      return Object.fromEntries(Object.entries(item).map(([key, child]) => [key, walk(child)]));
    }
    return item;
  };
  const redacted = walk(value) as T;
  return { value: redactions > 0 ? redacted : value, redactions };
}

const KIND_NAMES: Record<ContactDetailKind, string> = {
  phone: 'a phone number',
  email: 'an e-mail address',
  upi_id: 'a UPI ID',
  social_handle: 'a social media handle',
  id_number: 'an ID number',
  address: 'a street address',
};

/**
 * Why a memory or persona may not be stored as sent, naming the field (`body.persona_data.likes.1`)
 * and the kind of detail but never the detail; null when it holds none.
 */
export function contactDetailRefusal(value: unknown, field: string): string | null {
  const found = findContactDetailsInJson(value);
  if (!found) return null;
  const where = found.path ? `${field}.${found.path}` : field;
  return `${where} holds ${KIND_NAMES[found.kind]}: contact details are never stored in a memory or a persona; remove it and send again.`;
}
