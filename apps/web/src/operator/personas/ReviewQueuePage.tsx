import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ApiClient, errorMessage, unwrap } from '../../api/client.ts';
import { Link } from '../../router.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { CorrectionQueue } from './CorrectionQueue.tsx';
import { memoryLookup } from './EvidenceList.tsx';
import { type Decision, PendingRevision, type QueuedRevision } from './PendingRevision.tsx';

const PAGE_SIZE = 20;

interface ReviewQueuePageProps {
  client: ApiClient;
  /** A decision changed what is waiting: the navigation's count follows. */
  onQueueChanged: () => void;
}

/** Persona revisions waiting for a decision, oldest first, and the students' correction requests. */
export function ReviewQueuePage({ client, onQueueChanged }: ReviewQueuePageProps) {
  const [pending, setPending] = useState<QueuedRevision[] | null>(null);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; stale: boolean } | null>(null);
  // after a decision the focus moves to the card that took its place, so a keyboard user goes on from there
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const pendingTitle = useRef<HTMLHeadingElement>(null);
  const loadMemory = useMemo(() => memoryLookup(client), [client]);

  const load = useCallback(async () => {
    try {
      const found = await unwrap(
        client.GET('/api/persona-revisions', { params: { query: { status: 'pending', limit, offset: 0 } } }),
      );
      setPending(found);
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [client, limit]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (focusIndex === null || pending === null) return;
    const headings = list.current?.querySelectorAll<HTMLElement>('article > h3') ?? [];
    const next = headings[Math.min(focusIndex, headings.length - 1)];
    if (next) next.focus();
    else pendingTitle.current?.focus();
    setFocusIndex(null);
  }, [focusIndex, pending]);

  // j / k move between the waiting revisions (as in a mail reader); typing in a field is left alone
  useEffect(() => {
    function step(event: KeyboardEvent) {
      if (event.key !== 'j' && event.key !== 'k') return;
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const headings = [...(list.current?.querySelectorAll<HTMLElement>('article > h3') ?? [])];
      if (headings.length === 0) return;
      const at = headings.findIndex((heading) => heading.closest('article')?.contains(document.activeElement));
      const next = event.key === 'j' ? Math.min(at + 1, headings.length - 1) : Math.max(at - 1, 0);
      headings[next]!.focus();
      headings[next]!.scrollIntoView?.({ block: 'start' });
      event.preventDefault();
    }
    document.addEventListener('keydown', step);
    return () => document.removeEventListener('keydown', step);
  }, []);

  async function decided(decision: Decision) {
    const index = pending?.findIndex((revision) => revision.id === decision.revision.id) ?? 0;
    const name = decision.revision.name;
    const number = decision.revision.number;
    if (decision.kind === 'stale') {
      setNotice({ text: `Revision ${number} for ${name} was not changed: ${decision.detail}`, stale: true });
    } else if (decision.kind === 'approved') {
      setNotice({
        text: `Approved revision ${number} for ${name}: it is the persona the coach uses now.`,
        stale: false,
      });
    } else {
      setNotice({ text: `Rejected revision ${number} for ${name}. Their persona stays as it was.`, stale: false });
    }
    await load();
    setFocusIndex(Math.max(0, index));
    onQueueChanged();
  }

  const full = pending !== null && pending.length >= limit;

  return (
    <section aria-labelledby="page-title" className="page review-page">
      <PageHeading title="Review" />
      <p className="hint">
        What the coach would remember about a student waits here when review is on (
        <Link to="/operator/settings">Settings</Link>). Nothing waiting here reaches a prompt until it is approved. Keys{' '}
        <kbd>j</kbd> and <kbd>k</kbd> move to the next and previous revision.
      </p>
      <p className="success status-line" role="status">
        {notice && !notice.stale ? notice.text : ''}
      </p>
      {notice?.stale && (
        <p className="error" role="alert">
          {notice.text}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="pending-title" className="review-section">
        <h2 id="pending-title" ref={pendingTitle} tabIndex={-1}>
          Persona changes waiting{pending !== null && ` (${full ? `${pending.length}+` : pending.length})`}
        </h2>
        {pending === null && !error && <p>Loading…</p>}
        {pending !== null && pending.length === 0 && <p className="hint">Nothing is waiting for review.</p>}
        <ol className="review-list" ref={list}>
          {(pending ?? []).map((revision) => (
            <li key={revision.id}>
              <PendingRevision
                client={client}
                revision={revision}
                loadMemory={loadMemory}
                onDecided={(decision) => void decided(decision)}
              />
            </li>
          ))}
        </ol>
        {full && (
          <button type="button" onClick={() => setLimit((shown) => shown + PAGE_SIZE)}>
            Show more
          </button>
        )}
      </section>
      <CorrectionQueue client={client} onChanged={onQueueChanged} />
    </section>
  );
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
