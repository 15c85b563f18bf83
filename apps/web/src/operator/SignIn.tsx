import { type FormEvent, useState } from 'react';
import { ApiError, createApiClient, errorMessage, unwrap } from '../api/client.ts';
import { type StaffMember, saveStaffSession } from './session.ts';
import { TokenGate } from './TokenGate.tsx';

/**
 * Staff sign in with their email and password. The admin token stays one click away: it creates the
 * first admin on a new system, and automation uses it.
 */
export function SignIn({
  notice,
  onSignedIn,
  onToken,
}: {
  notice: string | null;
  onSignedIn: (token: string, member: StaffMember) => void;
  onToken: (token: string) => void;
}) {
  const [useToken, setUseToken] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (useToken) return <TokenGate notice={notice} onAccepted={onToken} onBack={() => setUseToken(false)} />;

  async function signIn(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const anonymous = createApiClient({ token: () => null });
      const answer = await unwrap(anonymous.POST('/api/staff/login', { body: { email: email.trim(), password } }));
      saveStaffSession(answer.access_token, answer.staff, remember);
      setPassword('');
      onSignedIn(answer.access_token, answer.staff);
    } catch (failure) {
      // the server says the same for a wrong email and a wrong password, and so do we
      setError(
        failure instanceof ApiError && failure.status === 401 ? 'Wrong email or password.' : errorMessage(failure),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login" id="main">
      <section className="card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Operator console</h1>
        <p>Sign in with the email and password an admin gave you.</p>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <form onSubmit={signIn}>
          <label htmlFor="staff-email">Email</label>
          <input
            id="staff-email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
          />
          <label htmlFor="staff-password">Password</label>
          <input
            id="staff-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
          <label className="checkbox">
            <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} />
            Remember on this computer (otherwise only until this tab closes)
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy || email.trim() === '' || password === ''}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="hint">
          First start, or automation?{' '}
          <button type="button" className="link" onClick={() => setUseToken(true)}>
            Use the admin token
          </button>
        </p>
        <p className="hint">
          <a href="/">Back to the student chat</a>
        </p>
      </section>
    </main>
  );
}
