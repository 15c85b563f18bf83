import { useCallback, useEffect, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { Link } from '../../router.tsx';
import { fullTime } from '../../ui/time.ts';
import { ResolveWithNote } from '../ResolveWithNote.tsx';
import { keyLabel } from './persona-values.ts';

type CorrectionRequest = Schemas['PersonaCorrection'];

/** Students' "this is not right" requests, oldest first, each resolved with an optional note. */
export function CorrectionQueue({ client, onChanged }: { client: ApiClient; onChanged: () => void }) {
  const [requests, setRequests] = useState<CorrectionRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const open = await unwrap(client.GET('/api/persona-corrections', { params: { query: { status: 'open' } } }));
      setRequests(open);
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="corrections-title" className="review-section">
      <h2 id="corrections-title">Requests from students{requests !== null && ` (${requests.length})`}</h2>
      <p className="hint">
        A student pressed "This is not right" on what the coach remembers about them. Fix the persona on the student's
        page if they are right, then mark the request resolved.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="status-line success" role="status">
        {notice}
      </p>
      {requests !== null && requests.length === 0 && <p className="hint">No open requests.</p>}
      <ul className="correction-list">
        {(requests ?? []).map((request) => (
          <li key={request.id}>
            <OpenCorrection
              client={client}
              request={request}
              onResolved={(message) => {
                setNotice(message);
                onChanged();
                void load();
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function OpenCorrection({
  client,
  request,
  onResolved,
}: {
  client: ApiClient;
  request: CorrectionRequest;
  onResolved: (message: string) => void;
}) {
  const name = request.name;
  async function resolve(note: string | undefined) {
    await unwrap(
      client.POST('/api/persona-corrections/{id}/resolve', {
        params: { path: { id: request.id } },
        body: note ? { note } : {},
      }),
    );
    return `Resolved ${name}'s request.`;
  }

  return (
    <article className="correction-card" aria-label={`Request from ${name}`}>
      <p className="correction-who">
        <Link to={`/operator/students/${request.user_id}`}>{name}</Link>
        {request.key && <> · about {keyLabel(request.key)}</>} ·{' '}
        <time dateTime={request.created_at}>{fullTime(request.created_at)}</time>
      </p>
      <blockquote className="correction-text">{request.text}</blockquote>
      <ResolveWithNote
        label="Note (optional)"
        className="inline-form"
        what={`${name}'s request`}
        resolve={resolve}
        onResolved={onResolved}
      />
    </article>
  );
}
