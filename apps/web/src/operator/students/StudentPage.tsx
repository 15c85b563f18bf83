import { useCallback, useEffect, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { Link } from '../../router.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { fullTime } from '../../ui/time.ts';
import { PersonaHistory } from '../personas/PersonaHistory.tsx';
import { ConversationDetails } from './ConversationDetails.tsx';
import { PersonaView } from './PersonaView.tsx';
import { RegeneratePersona } from './RegeneratePersona.tsx';

type Export = Schemas['StudentExport'];

export function StudentPage({ client, studentId }: { client: ApiClient; studentId: number }) {
  const [student, setStudent] = useState<Schemas['StudentDetail'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // the transcripts come from the export route, fetched once when a conversation is first opened
  const [transcripts, setTranscripts] = useState<Promise<Export> | null>(null);

  const load = useCallback(async () => {
    try {
      setStudent(await unwrap(client.GET('/api/admin/users/{id}', { params: { path: { id: studentId } } })));
      setTranscripts(null);
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [client, studentId]);

  useEffect(() => {
    void load();
  }, [load]);

  const loadTranscripts = useCallback(() => {
    const pending =
      transcripts ?? unwrap(client.GET('/api/admin/users/{id}/export', { params: { path: { id: studentId } } }));
    if (!transcripts) setTranscripts(pending);
    return pending;
  }, [client, studentId, transcripts]);

  // evidence in the review queue links here as #conversation-<id>: that conversation opens; a safety alert
  // as #conversation-<id>-message-<id>: it opens at that message
  const linked = /^#conversation-(\d+)(?:-message-(\d+))?$/.exec(window.location.hash);
  const linkedConversation = Number(linked?.[1]) || null;
  const linkedMessage = Number(linked?.[2]) || null;

  const name = student ? (student.name ?? student.phone_number ?? `Student ${student.id}`) : `Student ${studentId}`;

  return (
    <section aria-labelledby="page-title" className="page">
      <p className="breadcrumb">
        <Link to="/operator/students">Students</Link> /
      </p>
      <PageHeading title={name} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {student && (
        <>
          <p className="hint">
            {student.phone_number && <>Phone {student.phone_number} · </>}joined {fullTime(student.created_at)} · id{' '}
            {student.id}
          </p>
          <section aria-labelledby="persona-title" className="panel-box">
            <h2 id="persona-title">Persona</h2>
            <PersonaView persona={student.persona} />
            <RegeneratePersona client={client} studentId={student.id} onFinished={load} />
          </section>
          <PersonaHistory
            client={client}
            studentId={student.id}
            studentName={name}
            reloadSignal={student}
            onRestored={load}
          />
          <section aria-labelledby="conversations-title">
            <h2 id="conversations-title">Conversations</h2>
            {student.conversations.length === 0 ? (
              <p className="hint">No conversations yet.</p>
            ) : (
              <ul className="operator-conversations">
                {student.conversations.map((conversation) => (
                  <li key={conversation.id}>
                    <ConversationDetails
                      client={client}
                      conversation={conversation}
                      loadTranscripts={loadTranscripts}
                      linkedTo={linkedConversation === conversation.id}
                      linkedMessage={linkedConversation === conversation.id ? linkedMessage : null}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}
