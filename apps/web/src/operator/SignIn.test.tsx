// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBackend, json } from '../../test/fakes.ts';
import { loadAdminToken } from './admin-token.ts';
import { SignIn } from './SignIn.tsx';
import { loadMember } from './session.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
  localStorage.clear();
});

const member = {
  id: 3,
  email: 'ravi@school.test',
  name: 'Ravi Rao',
  role: 'reviewer',
  disabled: false,
  created_at: '2026-12-01T00:00:00Z',
};

function givenLogin() {
  const backend = fakeBackend({
    'POST /api/staff/login': async (request) => {
      const body = (await request.json()) as { email: string; password: string };
      if (body.email === member.email && body.password === 'correct horse battery') {
        return json(200, { access_token: 'staff-token', token_type: 'bearer', staff: member });
      }
      return json(401, { detail: 'Wrong email or password.' });
    },
  });
  vi.stubGlobal('fetch', backend.fetch);
  return backend;
}

function fill(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('<SignIn>', () => {
  it('signs a member in and keeps their token and name for this tab', async () => {
    givenLogin();
    const onSignedIn = vi.fn();
    render(<SignIn notice={null} onSignedIn={onSignedIn} onToken={vi.fn()} />);
    fill('ravi@school.test', 'correct horse battery');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith('staff-token', member));
    expect(loadAdminToken()).toBe('staff-token');
    expect(loadMember()).toEqual({ id: 3, email: member.email, name: 'Ravi Rao', role: 'reviewer' });
    expect(localStorage.length).toBe(0);
  });

  it('says one thing for a wrong email or password, and keeps nothing', async () => {
    givenLogin();
    const onSignedIn = vi.fn();
    render(<SignIn notice={null} onSignedIn={onSignedIn} onToken={vi.fn()} />);
    fill('nobody@school.test', 'correct horse battery');
    expect((await screen.findByRole('alert')).textContent).toContain('Wrong email or password.');
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(loadAdminToken()).toBeNull();
  });

  it('keeps the admin token one click away, and back', async () => {
    render(<SignIn notice={null} onSignedIn={vi.fn()} onToken={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Use the admin token' }));
    expect(screen.getByLabelText('Admin token')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with email and password' }));
    expect(screen.getByLabelText('Email')).toBeTruthy();
  });
});
