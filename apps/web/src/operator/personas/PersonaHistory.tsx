import type { PersonaRevisionRecord } from '@coach/core';
import { useCallback, useEffect, useState } from 'react';
import { type ApiClient, errorMessage, unwrap } from '../../api/client.ts';
import { Link } from '../../router.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { fullTime } from '../../ui/time.ts';
import { useCan } from '../session.ts';
import { RevisionDiff, RevisionWarnings } from './RevisionDiff.tsx';

const SOURCE_WORDS: Record<PersonaRevisionRecord['source'], string> = {
  generator: 'Written by the generator',
  operator: 'Set by an operator',
  restore: 'Restored by an operator',
};

/** The revision the coach uses: the approved one decided last (revisions are newest first). */
export function currentRevision(revisions: PersonaRevisionRecord[]): PersonaRevisionRecord | null {
  const approved = revisions.filter((revision) => revision.status === 'approved');
  const decided = (revision: PersonaRevisionRecord) => revision.decided_at ?? revision.created_at;
  return approved.reduce<PersonaRevisionRecord | null>(
    (latest, revision) =>
      latest === null ||
      decided(revision) > decided(latest) ||
      (decided(revision) === decided(latest) && revision.number > latest.number)
        ? revision
        : latest,
    null,
  );
}

interface PersonaHistoryProps {
  client: ApiClient;
  studentId: number;
  studentName: string;
  /** Changes whenever the page reloads the student (e.g. after a regeneration): the history follows. */
  reloadSignal: unknown;
  /** A restore changed the current persona: the page shows it. */
  onRestored: () => Promise<void>;
}

/** Every revision of a student's persona, newest first, with its diff; an older one can be restored. */
export function PersonaHistory({ client, studentId, studentName, reloadSignal, onRestored }: PersonaHistoryProps) {
  const canRestore = useCan('review');
  const [revisions, setRevisions] = useState<PersonaRevisionRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<PersonaRevisionRecord | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const found = await unwrap(
        client.GET('/api/users/{user_id}/persona/revisions', { params: { path: { user_id: studentId } } }),
      );
      setRevisions(found);
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [client, studentId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadSignal is the reason to load again
  useEffect(() => {
    void load();
  }, [load, reloadSignal]);

  async function restore(revision: PersonaRevisionRecord) {
    setBusy(true);
    try {
      const made = await unwrap(
        client.POST('/api/persona-revisions/{id}/restore', { params: { path: { id: revision.id } } }),
      );
      setStatus(`Restored revision ${revision.number} as revision ${made.number}. The coach uses it from now on.`);
      setError(null);
      await onRestored();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  }

  const current = revisions ? currentRevision(revisions) : null;

  return (
    <section aria-labelledby="history-title" className="panel-box persona-history">
      <h2 id="history-title">Persona history</h2>
      <p className="hint">
        Every change to this persona, newest first. Nothing is ever deleted; restoring makes a new revision.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="status-line success" role="status">
        {status}
      </p>
      {revisions !== null && revisions.length === 0 && <p className="hint">No revisions yet.</p>}
      <ol className="revision-list">
        {(revisions ?? []).map((revision, index) => (
          <li key={revision.id}>
            <article className="revision" aria-labelledby={`revision-${revision.id}-title`}>
              <h3 id={`revision-${revision.id}-title`}>
                Revision {revision.number} <span className={`badge status-${revision.status}`}>{revision.status}</span>
                {revision === current && <span className="badge production">current</span>}
              </h3>
              <p className="hint">
                {SOURCE_WORDS[revision.source]} on{' '}
                <time dateTime={revision.created_at}>{fullTime(revision.created_at)}</time>
                {revision.decided_at && revision.status !== 'approved' && revision.status !== 'pending' && (
                  <>
                    {' '}
                    · {revision.status} {fullTime(revision.decided_at)}
                  </>
                )}
                {revision.job_id !== null && <> · job {revision.job_id}</>}
              </p>
              {revision.reason && <p className="revision-reason">Reason: {revision.reason}</p>}
              <RevisionWarnings revision={revision} />
              <details open={index === 0}>
                <summary>
                  {revision.diff.length === 0
                    ? 'No changes'
                    : `${revision.diff.length} change${revision.diff.length === 1 ? '' : 's'}`}
                </summary>
                <RevisionDiff revision={revision} />
              </details>
              {revision.status === 'pending' && (
                <p className="hint">
                  Waiting for a decision in <Link to="/operator/review">Review</Link>.
                </p>
              )}
              {revision !== current && revision.status !== 'pending' && (
                <button type="button" onClick={() => setConfirming(revision)} disabled={busy || !canRestore}>
                  Restore <span className="visually-hidden">revision {revision.number}</span>
                </button>
              )}
            </article>
          </li>
        ))}
      </ol>
      {confirming && (
        <ConfirmDialog
          title={`Restore revision ${confirming.number}?`}
          confirmLabel={`Restore revision ${confirming.number}`}
          busy={busy}
          onConfirm={() => void restore(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {studentName}'s persona goes back to what revision {confirming.number} says, and the coach uses it from the
            next message. It is saved as a new revision; nothing is deleted.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
