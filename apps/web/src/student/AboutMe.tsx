import { type FormEvent, useEffect, useId, useState } from 'react';
import { type ApiClient, ApiError, errorMessage, type Schemas, unwrap } from '../api/client.ts';
import { Link } from '../router.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { relativeTime } from '../ui/time.ts';

/** The parts of a persona a student sees, in the words a student reads them; other keys are not shown. */
const PARTS = [
  { key: 'persona', title: 'In a few words' },
  { key: 'inferred_interests', title: 'Things you are into' },
  { key: 'learning_patterns', title: 'How you like to learn' },
  { key: 'personality_traits', title: 'What you are like' },
] as const;

const MAX_CORRECTION = 1000;

type MyPersona = Schemas['MyPersona'];
type PartKey = (typeof PARTS)[number]['key'];

/** "What the coach remembers about me": the approved persona in plain words, and a way to say it is wrong. */
export function AboutMe({ client }: { client: ApiClient }) {
  // undefined while loading, null when the coach has no picture of the student yet
  const [persona, setPersona] = useState<MyPersona | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    unwrap(client.GET('/api/me/persona'))
      .then(setPersona)
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 404) setPersona(null);
        else setError(errorMessage(failure));
      });
  }, [client]);

  return (
    <div className="about-me-layout">
      <header className="topbar">
        <Link to="/" className="back-link">
          ← Back to chat
        </Link>
        <span className="brand">Curiosity Coach</span>
      </header>
      <main className="about-me" id="main">
        <PageHeading title="What the coach remembers about you" />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {persona === undefined && !error && <p>Loading…</p>}
        {persona === null && (
          <p className="notice">
            Your coach hasn't formed a picture of you yet. Keep chatting about what you are curious about, and what it
            learns about you will show up here.
          </p>
        )}
        {persona && (
          <>
            <p className="hint">
              Your coach uses this to pick examples and questions that suit you. It comes from your chats. Updated{' '}
              <time dateTime={persona.updated_at}>{relativeTime(persona.updated_at)}</time>.
            </p>
            <PersonaInPlainWords data={persona.persona_data} />
            <CorrectionRequest client={client} />
          </>
        )}
      </main>
    </div>
  );
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item) => item !== null && item !== '').map(String);
  if (typeof value === 'string' && value.trim() !== '') return [value];
  return [];
}

export function PersonaInPlainWords({ data }: { data: Record<string, unknown> }) {
  const parts = PARTS.map((part) => ({ ...part, items: asList(data[part.key]) })).filter(
    (part) => part.items.length > 0,
  );
  if (parts.length === 0) return <p className="notice">Your coach has not noted anything about you yet.</p>;
  return (
    <div className="about-me-parts">
      {parts.map((part) => (
        <section key={part.key} aria-labelledby={`part-${part.key}`} className="about-me-part">
          <h2 id={`part-${part.key}`}>{part.title}</h2>
          {part.key === 'persona' ? (
            part.items.map((text) => <p key={text}>{text}</p>)
          ) : (
            <ul>
              {part.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}

type Sent = { state: 'idle' } | { state: 'sending' } | { state: 'sent' } | { state: 'failed'; message: string };

/** "This is not right": a short note to the teachers, optionally about one part. */
function CorrectionRequest({ client }: { client: ApiClient }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [key, setKey] = useState<PartKey | ''>('');
  const [sent, setSent] = useState<Sent>({ state: 'idle' });
  const textId = useId();
  const partId = useId();
  const countId = useId();
  const trimmed = text.trim();

  async function send(event: FormEvent) {
    event.preventDefault();
    if (trimmed === '' || trimmed.length > MAX_CORRECTION) return;
    setSent({ state: 'sending' });
    try {
      await unwrap(client.POST('/api/me/persona/corrections', { body: { text: trimmed, ...(key && { key }) } }));
      setSent({ state: 'sent' });
      setText('');
      setKey('');
      setOpen(false);
    } catch (failure) {
      setSent({ state: 'failed', message: correctionFailure(failure) });
    }
  }

  return (
    <section aria-labelledby="correction-title" className="correction">
      <h2 id="correction-title" className="visually-hidden">
        Tell us if something is wrong
      </h2>
      <p className="success status-line" role="status">
        {sent.state === 'sent' && 'Thank you for telling us! A teacher will read it and fix what is wrong.'}
      </p>
      {!open ? (
        <button
          type="button"
          onClick={() => {
            setOpen(true);
            setSent({ state: 'idle' });
          }}
        >
          This is not right
        </button>
      ) : (
        <form className="stacked correction-form" onSubmit={send}>
          <label htmlFor={textId}>What is not right?</label>
          <textarea
            id={textId}
            rows={4}
            maxLength={MAX_CORRECTION}
            value={text}
            aria-describedby={countId}
            // the form opened because the student asked for it: their next keystroke belongs here
            // biome-ignore lint/a11y/noAutofocus: focus follows the student's own click
            autoFocus
            onChange={(event) => setText(event.target.value)}
          />
          <span id={countId} className="hint">
            {text.length} of {MAX_CORRECTION} letters
          </span>
          <label htmlFor={partId}>Which part? (you can skip this)</label>
          <select id={partId} value={key} onChange={(event) => setKey(event.target.value as PartKey | '')}>
            <option value="">Not sure, or all of it</option>
            {PARTS.map((part) => (
              <option key={part.key} value={part.key}>
                {part.title}
              </option>
            ))}
          </select>
          {sent.state === 'failed' && (
            <p className="error" role="alert">
              {sent.message}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={trimmed === '' || sent.state === 'sending'}>
              {sent.state === 'sending' ? 'Sending…' : 'Send'}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function correctionFailure(failure: unknown): string {
  if (failure instanceof ApiError && failure.status === 429) {
    return 'You have sent a few of these already. Please wait a little while, then try again.';
  }
  if (failure instanceof ApiError && failure.status === 422) {
    return `Please write between 1 and ${MAX_CORRECTION} letters about what is not right.`;
  }
  return errorMessage(failure);
}
