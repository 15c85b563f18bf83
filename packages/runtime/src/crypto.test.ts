import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secretsEqual } from './crypto.ts';

describe('secretsEqual', () => {
  it('is true exactly when the two secrets are the same text, whatever their lengths', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(secretsEqual(a, b)).toBe(a === b);
        expect(secretsEqual(a, a)).toBe(true);
      }),
    );
  });

  it('refuses a prefix, an extension and a one-character change of the secret', () => {
    const secret = 'admin-0123456789abcdef';
    expect(secretsEqual(secret.slice(0, -1), secret)).toBe(false);
    expect(secretsEqual(`${secret}0`, secret)).toBe(false);
    expect(secretsEqual(`${secret.slice(0, -1)}e`, secret)).toBe(false);
    expect(secretsEqual('', secret)).toBe(false);
  });
});
