// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { accessToken, fakeBackend, inSeconds, json, MemoryStorage } from '../../test/fakes.ts';
import { StudentApp } from './StudentApp.tsx';
import { SESSION_KEY } from './session.ts';

const user = { id: 7, name: 'Asha-4821', phone_number: null, created_at: '2026-01-01T00:00:00Z' };

function loginAnswer(exp = inSeconds(3600)) {
  return json(200, {
    success: true,
    message: 'Welcome!',
    user,
    generated_name: 'Asha-4821',
    access_token: accessToken({ sub: 7, exp }),
    token_type: 'bearer',
  });
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  window.history.replaceState(null, '', '/');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('<StudentApp> login', () => {
  it('shows a new student their generated name, then stays logged in across a reload', async () => {
    const backend = fakeBackend({
      'POST /api/auth/login': () => loginAnswer(),
      'GET /api/conversations': () => json(200, []),
    });
    vi.stubGlobal('fetch', backend.fetch);

    const first = render(<StudentApp path="/" storage={storage} />);
    fireEvent.change(screen.getByLabelText('Phone number or name'), { target: { value: 'Asha' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect((await screen.findByTestId('generated-name')).textContent).toBe('Asha-4821');
    fireEvent.click(screen.getByRole('button', { name: 'Start chatting' }));
    await screen.findByRole('heading', { name: /Hi Asha-4821/ });
    first.unmount();

    // a reload: the app starts again from what the browser kept
    render(<StudentApp path="/" storage={storage} />);
    expect(await screen.findByRole('heading', { name: /Hi Asha-4821/ })).toBeTruthy();
    expect(backend.calls.filter((call) => call === 'POST /api/auth/login')).toHaveLength(1);
  });

  it('asks to log in again when the stored token has expired', () => {
    storage.setItem(SESSION_KEY, JSON.stringify({ token: 'x.y.z', user, expiresAt: Date.now() - 1 }));
    render(<StudentApp path="/" storage={storage} />);
    expect(screen.getByLabelText('Phone number or name')).toBeTruthy();
  });

  it('goes back to the login screen, saying why, when the Backend answers 401', async () => {
    const token = accessToken({ sub: 7, exp: inSeconds(3600) });
    storage.setItem(SESSION_KEY, JSON.stringify({ token, user, expiresAt: Date.now() + 3_600_000 }));
    vi.stubGlobal('fetch', fakeBackend({ 'GET /api/conversations': () => json(401, { detail: 'expired' }) }).fetch);
    render(<StudentApp path="/" storage={storage} />);
    expect(await screen.findByText('Your session has expired. Please log in again.')).toBeTruthy();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('logs out', async () => {
    const token = accessToken({ sub: 7, exp: inSeconds(3600) });
    storage.setItem(SESSION_KEY, JSON.stringify({ token, user, expiresAt: Date.now() + 3_600_000 }));
    vi.stubGlobal('fetch', fakeBackend({ 'GET /api/conversations': () => json(200, []) }).fetch);
    render(<StudentApp path="/" storage={storage} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Log out' }));
    expect(screen.getByLabelText('Phone number or name')).toBeTruthy();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });
});
