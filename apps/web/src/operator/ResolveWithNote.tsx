import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { useCan } from './session.ts';

interface ResolveWithNoteProps {
  /** The note field's label. */
  label: string;
  /** A few lines to write in, or one. */
  multiline?: boolean;
  className: string;
  buttonClassName?: string;
  /** Said to screen readers after "Resolve": which one this button resolves. */
  what: ReactNode;
  /** Resolves with the trimmed note (undefined when empty) and answers what to tell the operator. */
  resolve: (note: string | undefined) => Promise<string>;
  onResolved: (message: string) => void;
}

/**
 * "Resolve" with an optional note, for whatever an adult closes after acting on it (a student's
 * correction request, a safety alert): disabled without the right to review; a refusal shown in place.
 */
export function ResolveWithNote(props: ResolveWithNoteProps) {
  const canResolve = useCan('review');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noteId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      props.onResolved(await props.resolve(note.trim() || undefined));
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  const change = (event: { target: { value: string } }) => setNote(event.target.value);
  return (
    <form className={props.className} onSubmit={submit}>
      <label htmlFor={noteId}>{props.label}</label>
      {props.multiline ? (
        <textarea id={noteId} rows={2} value={note} onChange={change} />
      ) : (
        <input id={noteId} value={note} onChange={change} />
      )}
      <button type="submit" className={props.buttonClassName} disabled={busy || !canResolve}>
        Resolve <span className="visually-hidden">{props.what}</span>
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
