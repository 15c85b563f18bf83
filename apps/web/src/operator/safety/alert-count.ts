import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.ts';
import { unwrap } from '../../api/client.ts';
import type { WaitingCount } from '../WaitingBadge.tsx';

// the badge says "99+" beyond this: the navigation needs a count, not the alerts
const COUNT_LIMIT = 100;

/** How many safety alerts are open, for the navigation's badge; asked again on every page change. */
export function useOpenAlertCount(client: ApiClient, path: string, signedIn: boolean): WaitingCount {
  const [count, setCount] = useState<{ waiting: number | null; capped: boolean }>({ waiting: null, capped: false });
  const [asked, setAsked] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: path and asked are the reasons to ask again
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    unwrap(client.GET('/api/admin/safety/alerts', { params: { query: { status: 'open', limit: COUNT_LIMIT } } }))
      .then((open) => live && setCount({ waiting: open.length, capped: open.length >= COUNT_LIMIT }))
      // the badge is a convenience: the alerts page itself shows any failure
      .catch(() => live && setCount({ waiting: null, capped: false }));
    return () => {
      live = false;
    };
  }, [client, path, asked, signedIn]);

  const refresh = useCallback(() => setAsked((times) => times + 1), []);
  return { ...count, refresh };
}
