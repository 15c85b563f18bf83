import { useCallback, useEffect, useState } from 'react';
import { type ApiClient, unwrap } from '../../api/client.ts';

// the badge says "99+" beyond this: a count, not a page of revisions, is what the navigation needs
const COUNT_LIMIT = 100;

export interface ReviewCount {
  /** Pending revisions plus open correction requests; null until known (or when it could not be asked). */
  waiting: number | null;
  capped: boolean;
  refresh: () => void;
}

/** How much waits on the Review page, for the navigation's badge; asked again on every page change. */
export function useReviewCount(client: ApiClient, path: string, signedIn: boolean): ReviewCount {
  const [count, setCount] = useState<{ waiting: number | null; capped: boolean }>({ waiting: null, capped: false });
  const [asked, setAsked] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: path and asked are the reasons to ask again
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    Promise.all([
      unwrap(client.GET('/api/persona-revisions', { params: { query: { status: 'pending', limit: COUNT_LIMIT } } })),
      unwrap(client.GET('/api/persona-corrections', { params: { query: { status: 'open' } } })),
    ])
      .then(([pending, corrections]) => {
        if (live) setCount({ waiting: pending.length + corrections.length, capped: pending.length >= COUNT_LIMIT });
      })
      // the badge is a convenience: the Review page itself shows any failure
      .catch(() => live && setCount({ waiting: null, capped: false }));
    return () => {
      live = false;
    };
  }, [client, path, asked, signedIn]);

  const refresh = useCallback(() => setAsked((times) => times + 1), []);
  return { ...count, refresh };
}
