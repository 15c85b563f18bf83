import { type FormEvent, useState } from 'react';
import { ApiError, createApiClient, errorMessage, unwrap } from '../api/client.ts';
import { saveAdminToken } from './admin-token.ts';
import { forgetMember } from './session.ts';

/** Asks for the admin token once and checks it against an admin route before keeping it. */
export function TokenGate({
  notice,
  onAccepted,
  onBack,
}: {
  notice: string | null;
  onAccepted: (token: string) => void;
  /** Back to signing in with an email and password. */
  onBack?: () => void;
}) {
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function check(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const candidate = token.trim();
    try {
      const probe = createApiClient({ token: () => candidate });
      await unwrap(probe.GET('/api/admin/users', { params: { query: { limit: 1 } } }));
      saveAdminToken(candidate, remember);
      // the admin token is nobody: no member's name stays beside it
      forgetMember();
      onAccepted(candidate);
    } catch (failure) {
      const refused = failure instanceof ApiError && (failure.status === 401 || failure.status === 403);
      setError(refused ? 'That is not the admin token. Check it and try again.' : errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login" id="main">
      <section className="card" aria-labelledby="gate-title">
        <h1 id="gate-title">Operator console</h1>
        <p>
          Enter the admin token. <code>npm start</code> prints it when it starts (it is also in{' '}
          <code>data/secrets.json</code>, or <code>COACH_ADMIN_TOKEN</code> when you set one). With it you can add the
          first admin under Staff; after that, people sign in as themselves.
        </p>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <form onSubmit={check}>
          <label htmlFor="admin-token">Admin token</label>
          <input
            id="admin-token"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(event) => setToken(event.target.value)}
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
          <button type="submit" className="primary" disabled={busy || token.trim() === ''}>
            {busy ? 'Checking…' : 'Open the console'}
          </button>
        </form>
        {onBack && (
          <p className="hint">
            <button type="button" className="link" onClick={onBack}>
              Sign in with email and password
            </button>
          </p>
        )}
        <p className="hint">
          <a href="/">Back to the student chat</a>
        </p>
      </section>
    </main>
  );
}
