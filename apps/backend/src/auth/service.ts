import { randomInt } from 'node:crypto';
import { Invalid } from '@coach/runtime';
import type { UserRow, UsersRepository } from '../users/repository.ts';

/** What a student typed to log in, once we know whether it is a phone number or a name. */
export type Identifier = { kind: 'phone'; phoneNumber: string } | { kind: 'name'; name: string };

const PHONE_DECORATION = /[\s\-().]/g;
const NAME_PATTERN = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .'_-]*$/u;
const MAX_NAME_LENGTH = 40;

/** The digits of a 10–15 digit phone number (spaces, dashes, brackets and a leading + allowed), or undefined. */
export function phoneDigits(raw: string): string | undefined {
  const digits = raw.trim().replace(PHONE_DECORATION, '').replace(/^\+/, '');
  return /^\d{10,15}$/.test(digits) ? digits : undefined;
}

/** A 10–15 digit identifier is a phone number; anything else must be a valid name. */
export function parseIdentifier(raw: string): Identifier {
  const trimmed = raw.trim();
  const phoneNumber = phoneDigits(trimmed);
  if (phoneNumber) return { kind: 'phone', phoneNumber };
  if (/^\+?[\d\s\-().]+$/.test(trimmed)) {
    throw new Invalid('A phone number must have 10 to 15 digits.');
  }
  const name = trimmed.replace(/\s+/g, ' ');
  if (name.length > MAX_NAME_LENGTH) throw new Invalid(`A name can have at most ${MAX_NAME_LENGTH} characters.`);
  if (!NAME_PATTERN.test(name)) {
    throw new Invalid("A name may use letters, digits, spaces, and . ' _ - (starting with a letter or digit).");
  }
  return { kind: 'name', name };
}

/** The phone-only login's identifier: anything but a phone number is a bad number there, not a name. */
export function parsePhoneIdentifier(raw: string): Identifier {
  const phoneNumber = phoneDigits(raw);
  if (!phoneNumber) throw new Invalid('A phone number must have 10 to 15 digits.');
  return { kind: 'phone', phoneNumber };
}

export interface LoginResult {
  user: UserRow;
  created: boolean;
  /** Set when a new name-based account was created: the unique name to log in with next time. */
  generatedName: string | null;
}

export function createAuthService(users: UsersRepository) {
  async function loginWithPhone(phoneNumber: string): Promise<LoginResult> {
    const existing = await users.findByPhone(phoneNumber);
    if (existing) return { user: existing, created: false, generatedName: null };
    const inserted = await users.insert({ phoneNumber });
    // lost a race with a concurrent first login of the same number: that row is ours too
    const user = inserted ?? (await users.findByPhone(phoneNumber));
    if (!user) throw new Error('phone login found neither a new nor an existing user');
    return { user, created: inserted !== undefined, generatedName: null };
  }

  async function loginWithName(name: string): Promise<LoginResult> {
    const existing = await users.findByName(name);
    if (existing) return { user: existing, created: false, generatedName: null };
    // a new name gets a numeric suffix so two students called "Asha" stay two accounts
    for (let attempt = 0; attempt < 20; attempt++) {
      const digits = attempt < 10 ? 4 : 6;
      const candidate = `${name}-${randomInt(10 ** (digits - 1), 10 ** digits)}`;
      const user = await users.insert({ name: candidate });
      if (user) return { user, created: true, generatedName: candidate };
    }
    throw new Error('could not find a free generated name');
  }

  return {
    async login(identifier: Identifier): Promise<LoginResult> {
      return identifier.kind === 'phone' ? loginWithPhone(identifier.phoneNumber) : loginWithName(identifier.name);
    },
  };
}
