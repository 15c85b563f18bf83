import { type FormEvent, useId, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { Link } from '../../router.tsx';
import { fullTime } from '../../ui/time.ts';
import { useCan } from '../session.ts';
import type { MemoryLookup } from './EvidenceList.tsx';
import { RevisionDiff, RevisionWarnings } from './RevisionDiff.tsx';

export type QueuedRevision = Schemas['PersonaReviewQueueItem'];

export type Decision =
  | { kind: 'approved' | 'rejected'; revision: QueuedRevision }
  /** Someone else decided it first (409): the page shows why and reloads the queue. */
  | { kind: 'stale'; revision: QueuedRevision; detail: string };

interface PendingRevisionProps {
  client: ApiClient;
  revision: QueuedRevision;
  loadMemory: MemoryLookup;
  onDecided: (decision: Decision) => void;
}

/** One revision waiting for review: who, what changes and why, and the two decisions. */
export function PendingRevision({ client, revision, loadMemory, onDecided }: PendingRevisionProps) {
  const canDecide = useCan('review');
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const reasonId = useId();
  const name = revision.name;
  const path = { params: { path: { id: revision.id } } };

  async function decide(kind: 'approved' | 'rejected', call: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await call();
      onDecided({ kind, revision });
    } catch (failure) {
      const status = (failure as { status?: number }).status;
      if (status === 409) onDecided({ kind: 'stale', revision, detail: errorMessage(failure) });
      else setError(errorMessage(failure));
      setBusy(false);
    }
  }

  function reject(event: FormEvent) {
    event.preventDefault();
    const why = reason.trim();
    void decide('rejected', () =>
      unwrap(client.POST('/api/persona-revisions/{id}/reject', { ...path, body: why ? { reason: why } : {} })),
    );
  }

  return (
    <article className="review-card" aria-labelledby={headingId} data-revision={revision.id}>
      <h3 id={headingId} tabIndex={-1}>
        <Link to={`/operator/students/${revision.user_id}`}>{name}</Link> · revision {revision.number}
      </h3>
      <p className="hint">
        Written by the {revision.source} on <time dateTime={revision.created_at}>{fullTime(revision.created_at)}</time>
        {revision.job_id !== null && <> · job {revision.job_id}</>}
      </p>
      <RevisionWarnings revision={revision} />
      <RevisionDiff revision={revision} loadMemory={loadMemory} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {rejecting ? (
        <form className="stacked reject-form" onSubmit={reject}>
          <label htmlFor={reasonId}>Why reject it? (optional; kept with the revision)</label>
          <textarea
            id={reasonId}
            rows={2}
            value={reason}
            // biome-ignore lint/a11y/noAutofocus: the operator just asked to reject; the reason comes next
            autoFocus
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className="danger" disabled={busy}>
              Reject revision {revision.number}
            </button>
            <button type="button" onClick={() => setRejecting(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="primary"
            disabled={busy || !canDecide}
            onClick={() =>
              void decide('approved', () => unwrap(client.POST('/api/persona-revisions/{id}/approve', path)))
            }
          >
            Approve{' '}
            <span className="visually-hidden">
              revision {revision.number} for {name}
            </span>
          </button>
          <button type="button" disabled={busy || !canDecide} onClick={() => setRejecting(true)}>
            Reject…{' '}
            <span className="visually-hidden">
              revision {revision.number} for {name}
            </span>
          </button>
        </div>
      )}
    </article>
  );
}
