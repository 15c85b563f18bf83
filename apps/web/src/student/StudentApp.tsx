import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createApiClient } from '../api/client.ts';
import { matchPath, navigate } from '../router.tsx';
import { AboutMe } from './AboutMe.tsx';
import { ChatScreen } from './ChatScreen.tsx';
import { LoginScreen } from './LoginScreen.tsx';
import { clearSession, loadSession, type StudentSession } from './session.ts';

const EXPIRED = 'Your session has expired. Please log in again.';

/** The student side: the login screen, or the chat once a session is stored. */
export function StudentApp({ path, storage = window.localStorage }: { path: string; storage?: Storage }) {
  const [session, setSession] = useState<StudentSession | null>(() => loadSession(storage));
  const [notice, setNotice] = useState<string | null>(null);
  const token = useRef<string | null>(session?.token ?? null);
  token.current = session?.token ?? null;

  const endSession = useCallback(
    (why: string | null) => {
      clearSession(storage);
      setSession(null);
      setNotice(why);
      navigate('/', { replace: true });
    },
    [storage],
  );

  const client = useMemo(
    () => createApiClient({ token: () => token.current, onUnauthorized: () => endSession(EXPIRED) }),
    [endSession],
  );

  // the token's own expiry ends the session even when the student does nothing
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => endSession(EXPIRED), Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [session, endSession]);

  if (!session) {
    return (
      <LoginScreen
        client={client}
        storage={storage}
        notice={notice}
        onLoggedIn={(started) => {
          setNotice(null);
          setSession(started);
        }}
      />
    );
  }
  if (path === '/about-me') return <AboutMe client={client} />;
  const conversationId = Number(matchPath('/conversations/:id', path)?.id) || null;
  return (
    <ChatScreen
      client={client}
      session={session}
      conversationId={conversationId}
      onLogout={() => endSession('You have logged out. See you soon!')}
    />
  );
}
