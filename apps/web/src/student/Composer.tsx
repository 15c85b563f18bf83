import { type FormEvent, useState } from 'react';

interface ComposerProps {
  /** While the coach is answering, the student may type but not send. */
  disabled: boolean;
  onSend: (content: string) => void;
}

export function Composer({ disabled, onSend }: ComposerProps) {
  const [draft, setDraft] = useState('');
  const canSend = !disabled && draft.trim() !== '';

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    onSend(draft.trim());
    setDraft('');
  }

  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor="message-input" className="visually-hidden">
        Your message
      </label>
      <textarea
        id="message-input"
        rows={2}
        placeholder="Ask the coach anything…"
        value={draft}
        maxLength={8000}
        aria-describedby="composer-hint"
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            submit();
          }
        }}
      />
      <span id="composer-hint" className="visually-hidden">
        Press Enter to send, Shift and Enter for a new line.
      </span>
      <button type="submit" className="primary" disabled={!canSend}>
        Send
      </button>
    </form>
  );
}
