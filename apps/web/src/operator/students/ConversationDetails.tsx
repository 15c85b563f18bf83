import { useEffect, useRef, useState } from 'react';
import { type ApiClient, ApiError, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { Link } from '../../router.tsx';
import { fullTime } from '../../ui/time.ts';
import { categoryLabel } from '../safety/alert-labels.ts';
import { InstructionWarning } from './InstructionWarning.tsx';

type Conversation = Schemas['StudentDetail']['conversations'][number];
type Transcript = Schemas['StudentExport']['conversations'][number]['messages'];

interface ConversationDetailsProps {
  client: ApiClient;
  conversation: Conversation;
  loadTranscripts: () => Promise<Schemas['StudentExport']>;
  /** The page was opened on a link to this conversation: it starts open and in view. */
  linkedTo?: boolean;
  /** …and at this message, which is marked and scrolled into view (a safety alert's link). */
  linkedMessage?: number | null;
}

/** One conversation of a student: opens to show its memory and its messages, each reply linked to its pipeline. */
export function ConversationDetails({
  client,
  conversation,
  loadTranscripts,
  linkedTo = false,
  linkedMessage = null,
}: ConversationDetailsProps) {
  const [memory, setMemory] = useState<Schemas['MemoryRecord'] | null | undefined>(undefined);
  const [messages, setMessages] = useState<Transcript | null>(null);
  const [error, setError] = useState<string | null>(null);
  const details = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    if (!linkedTo || !details.current) return;
    details.current.open = true;
    details.current.scrollIntoView?.({ block: 'start' });
  }, [linkedTo]);

  useEffect(() => {
    if (!messages || linkedMessage === null) return;
    document.getElementById(`message-${linkedMessage}`)?.scrollIntoView?.({ block: 'center' });
  }, [messages, linkedMessage]);

  async function open() {
    if (memory !== undefined) return;
    try {
      const [found, transcripts] = await Promise.all([
        unwrap(
          client.GET('/api/internal/conversations/{id}/memory', { params: { path: { id: conversation.id } } }),
        ).catch((failure: unknown) => {
          if (failure instanceof ApiError && failure.status === 404) return null;
          throw failure;
        }),
        loadTranscripts(),
      ]);
      setMemory(found);
      setMessages(transcripts.conversations.find((c) => c.id === conversation.id)?.messages ?? []);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <details
      ref={details}
      id={`conversation-${conversation.id}`}
      className="conversation-details"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open) void open();
      }}
    >
      <summary>
        <span className="conversation-title">{conversation.title}</span>{' '}
        <span className="hint">
          updated {fullTime(conversation.updated_at)} · {conversation.has_memory ? 'has a memory' : 'no memory yet'}
        </span>
      </summary>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {memory === undefined && !error && <p>Loading…</p>}
      {memory === null && <p className="hint">No memory for this conversation yet.</p>}
      {memory && <MemoryView memory={memory} />}
      {messages && (
        <>
          <h3>Messages</h3>
          <ol className="transcript">
            {messages.map((message) => (
              <li
                key={message.id}
                id={`message-${message.id}`}
                className={`${message.is_user ? 'student' : 'coach'}${message.id === linkedMessage ? ' linked' : ''}`}
              >
                <span className="sender">{message.is_user ? 'Student' : 'Coach'}</span>{' '}
                <span className="content">{message.content}</span>
                {message.safety_flags.length > 0 && (
                  <span className="safety-flags">
                    Safety screen:{' '}
                    {message.safety_flags.map((flag) => (
                      <span key={`${flag.category}-${flag.rule}`} className={`badge severity-${flag.severity}`}>
                        {categoryLabel(flag.category)} · {flag.severity}
                      </span>
                    ))}
                  </span>
                )}
                {!message.is_user && message.pipeline_data && (
                  <>
                    {' '}
                    <Link to={`/operator/messages/${message.id}`}>Pipeline steps of message {message.id}</Link>
                  </>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </details>
  );
}

function MemoryView({ memory }: { memory: Schemas['MemoryRecord'] }) {
  const data = memory.memory_data;
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String).join(', ') : '—');
  return (
    <div className="memory">
      <h3>Memory</h3>
      <InstructionWarning data={data} what="memory" />
      <dl>
        <dt>Main topics</dt>
        <dd>{list(data.main_topics)}</dd>
        <dt>Actions</dt>
        <dd>{list(data.action)}</dd>
        <dt>Typical observation</dt>
        <dd>{typeof data.typical_observation === 'string' ? data.typical_observation : '—'}</dd>
      </dl>
      <p className="timestamps">
        Created {fullTime(memory.created_at)} · updated {fullTime(memory.updated_at)}
      </p>
      <details>
        <summary>Raw JSON</summary>
        <pre className="json">{JSON.stringify(memory, null, 2)}</pre>
      </details>
    </div>
  );
}
