import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type ApiClient, errorMessage, unwrap } from '../api/client.ts';
import { type StudentSession, saveSession } from './session.ts';

interface LoginScreenProps {
  client: ApiClient;
  storage: Storage;
  /** Why the student is here again, e.g. an expired session. */
  notice: string | null;
  onLoggedIn: (session: StudentSession) => void;
}

export function LoginScreen({ client, storage, notice, onLoggedIn }: LoginScreenProps) {
  const [identifier, setIdentifier] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [welcome, setWelcome] = useState<{ session: StudentSession; name: string } | null>(null);
  const welcomeHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (welcome) welcomeHeading.current?.focus();
  }, [welcome]);

  async function logIn(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const login = await unwrap(client.POST('/api/auth/login', { body: { identifier: identifier.trim() } }));
      const session = saveSession(storage, login);
      // a new name got a unique suffix: the student must see it, or they cannot log in again
      if (login.generated_name) setWelcome({ session, name: login.generated_name });
      else onLoggedIn(session);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  if (welcome) {
    return (
      <main className="login" id="main">
        <section className="card" aria-labelledby="welcome-title">
          <h1 id="welcome-title" ref={welcomeHeading} tabIndex={-1}>
            Welcome!
          </h1>
          <p>Your login name is</p>
          <p className="generated-name" data-testid="generated-name">
            {welcome.name}
          </p>
          <p>Write it down and keep it: you will use it to log in next time.</p>
          <button type="button" className="primary" onClick={() => onLoggedIn(welcome.session)}>
            Start chatting
          </button>
        </section>
      </main>
    );
  }

  return (
    <main className="login" id="main">
      <section className="card" aria-labelledby="login-title">
        <h1 id="login-title">Curiosity Coach</h1>
        <p className="tagline">Ask about anything you wonder about. Your coach helps you figure it out.</p>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <form onSubmit={logIn}>
          <label htmlFor="identifier">Phone number or name</label>
          <input
            id="identifier"
            name="identifier"
            autoComplete="username"
            value={identifier}
            onChange={(event) => setIdentifier(event.target.value)}
            aria-describedby="identifier-hint"
            aria-invalid={error ? true : undefined}
            required
          />
          <p id="identifier-hint" className="hint">
            A phone number has 10 to 15 digits. New here? Type your first name and you will get a login name to keep.
          </p>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy || identifier.trim() === ''}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
        </form>
        <p className="hint operator-link">
          Teacher or operator? <a href="/operator">Open the operator console</a>.
        </p>
      </section>
    </main>
  );
}
