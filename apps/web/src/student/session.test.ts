import { beforeEach, describe, expect, it } from 'vitest';
import { accessToken, inSeconds, MemoryStorage } from '../../test/fakes.ts';
import { clearSession, loadSession, SESSION_KEY, saveSession, tokenExpiry } from './session.ts';

const user = { id: 7, name: 'Asha-4821', phone_number: null, created_at: '2026-01-01T00:00:00Z' };

function login(token: string) {
  return {
    success: true,
    message: 'ok',
    user,
    generated_name: 'Asha-4821',
    access_token: token,
    token_type: 'bearer' as const,
  };
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
});

describe('the student stays logged in until the token expires', () => {
  it('reads the expiry from the access token', () => {
    const exp = inSeconds(3600);
    expect(tokenExpiry(accessToken({ sub: 7, exp }))).toBe(exp * 1000);
    expect(tokenExpiry('not-a-token')).toBeNull();
  });

  it('finds the saved session again after a reload', () => {
    const saved = saveSession(storage, login(accessToken({ sub: 7, exp: inSeconds(3600) })));
    expect(loadSession(storage)).toEqual(saved);
    expect(loadSession(storage)?.user.name).toBe('Asha-4821');
  });

  it('forgets a session whose token has expired', () => {
    saveSession(storage, login(accessToken({ sub: 7, exp: inSeconds(-1) })));
    expect(loadSession(storage)).toBeNull();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('drops a stored session it cannot read', () => {
    storage.setItem(SESSION_KEY, '{"token": 42');
    expect(loadSession(storage)).toBeNull();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('logging out removes the session', () => {
    saveSession(storage, login(accessToken({ sub: 7, exp: inSeconds(3600) })));
    clearSession(storage);
    expect(loadSession(storage)).toBeNull();
  });
});
