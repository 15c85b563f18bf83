import { type FormEvent, useRef, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { PlaceholderPicker } from './PlaceholderPicker.tsx';

interface NewVersionFormProps {
  client: ApiClient;
  promptName: string;
  /** What the text box starts with: the active version's text. */
  startText: string;
  onCreated: (version: Schemas['PromptVersion']) => void;
}

export function NewVersionForm({ client, promptName, startText, onCreated }: NewVersionFormProps) {
  const [text, setText] = useState(startText);
  const [makeActive, setMakeActive] = useState(true);
  const [makeProduction, setMakeProduction] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const version = await unwrap(
        client.POST('/api/prompts/{p}/versions', {
          params: { path: { p: promptName }, query: { set_active: makeActive ? 'true' : 'false' } },
          body: { prompt_text: text, is_production: makeProduction },
        }),
      );
      onCreated(version);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="new-version-title" className="new-version">
      <h2 id="new-version-title">New version</h2>
      <form onSubmit={save} className="stacked">
        <label htmlFor="prompt-text">Prompt text</label>
        <textarea
          id="prompt-text"
          ref={box}
          rows={14}
          value={text}
          spellCheck={false}
          onChange={(event) => setText(event.target.value)}
          required
        />
        <PlaceholderPicker target={box} value={text} onChange={setText} />
        <label className="checkbox">
          <input type="checkbox" checked={makeActive} onChange={(event) => setMakeActive(event.target.checked)} />
          Make it the active version (used by “test-prompt” messages)
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={makeProduction}
            onChange={(event) => setMakeProduction(event.target.checked)}
          />
          Put it in production (students' chats use it from their next message)
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || text.trim() === ''}>
          {busy ? 'Saving…' : 'Save version'}
        </button>
      </form>
    </section>
  );
}
