import { HttpError } from '@coach/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIdentifier, parsePhoneIdentifier, phoneDigits } from './service.ts';

function refusal(raw: string): string {
  try {
    parseIdentifier(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).statusCode).toBe(422);
    return (error as HttpError).message;
  }
  throw new Error(`${JSON.stringify(raw)} was accepted`);
}

describe('parseIdentifier', () => {
  it('reads 10 to 15 digits as a phone number, dropping spaces, dashes, brackets and a leading +', () => {
    expect(parseIdentifier('9876543210')).toEqual({ kind: 'phone', phoneNumber: '9876543210' });
    expect(parseIdentifier(' +91 (98765) 43-210 ')).toEqual({ kind: 'phone', phoneNumber: '919876543210' });
    expect(parseIdentifier('123456789012345')).toEqual({ kind: 'phone', phoneNumber: '123456789012345' });
  });

  it('refuses digit strings of the wrong length as phone numbers', () => {
    expect(refusal('987654321')).toBe('A phone number must have 10 to 15 digits.');
    expect(refusal('1234567890123456')).toBe('A phone number must have 10 to 15 digits.');
    expect(refusal('+12-34')).toBe('A phone number must have 10 to 15 digits.');
  });

  it('reads anything else as a name, trimmed, with inner spaces collapsed', () => {
    expect(parseIdentifier('  Asha   Rao ')).toEqual({ kind: 'name', name: 'Asha Rao' });
    expect(parseIdentifier('Asha-1234')).toEqual({ kind: 'name', name: 'Asha-1234' });
    expect(parseIdentifier('Zoë')).toEqual({ kind: 'name', name: 'Zoë' });
  });

  it('refuses empty, overlong and oddly written names', () => {
    expect(refusal('')).toMatch(/name may use/);
    expect(refusal('a'.repeat(41))).toBe('A name can have at most 40 characters.');
    expect(refusal('-Asha')).toMatch(/starting with a letter or digit/);
    expect(refusal('Asha<script>')).toMatch(/name may use/);
  });

  it('finds the same number however it is decorated', () => {
    const decorations = fc.constantFrom('', ' ', '-', '(', ')', '.');
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{10,15}$/),
        fc.array(decorations, { minLength: 16, maxLength: 16 }),
        fc.boolean(),
        (digits, between, plus) => {
          const decorated = (plus ? '+' : '') + [...digits].map((d, i) => d + between[i]).join('');
          expect(phoneDigits(decorated)).toBe(digits);
          expect(parseIdentifier(decorated)).toEqual({ kind: 'phone', phoneNumber: digits });
        },
      ),
    );
  });
});

describe('parsePhoneIdentifier', () => {
  it('reads a phone number as parseIdentifier does', () => {
    expect(parsePhoneIdentifier(' +91 (98765) 43-210 ')).toEqual({ kind: 'phone', phoneNumber: '919876543210' });
  });

  it('refuses a name as a bad phone number: the phone-only login takes no names', () => {
    expect(() => parsePhoneIdentifier('Asha')).toThrow('A phone number must have 10 to 15 digits.');
  });
});
