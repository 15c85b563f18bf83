import { type LintProblem, lintTemplate } from '@coach/core';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { type ApiClient, ApiError, describeFailure, errorMessage, type Schemas } from '../../api/client.ts';
import { useCan } from '../session.ts';
import { LintReport } from './LintReport.tsx';
import { applySuggestion } from './lint-edits.ts';
import { PlaceholderPicker } from './PlaceholderPicker.tsx';

interface NewVersionFormProps {
  client: ApiClient;
  promptName: string;
  /** What the text box starts with: the active version's text. */
  startText: string;
  onCreated: (version: Schemas['PromptVersion']) => void;
  /** Told the text whenever it changes (and at first), for the preview of the unsaved draft. */
  onTextChange?: (text: string) => void;
}

/** A save the Backend refused because of placeholder problems (422). */
interface Refusal {
  text: string;
  detail: string;
  problems: LintProblem[];
}

export function NewVersionForm({ client, promptName, startText, onCreated, onTextChange }: NewVersionFormProps) {
  const canSave = useCan('admin');
  const [text, setText] = useState(startText);
  const [makeActive, setMakeActive] = useState(true);
  const [makeProduction, setMakeProduction] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  // the same lint the Backend saves with, run here on every keystroke (no request)
  const lint = useMemo(() => lintTemplate(text, promptName), [text, promptName]);
  // the Backend's word wins until the text changes
  const refused = refusal?.text === text ? refusal : null;
  const problems = refused ? refused.problems : lint.problems;

  useEffect(() => {
    onTextChange?.(text);
  }, [text, onTextChange]);

  function applyFix(problem: LintProblem) {
    const edit = applySuggestion(text, problem);
    if (!edit) return;
    // the new text must be in the box before the caret can be put after the fix
    flushSync(() => setText(edit.text));
    box.current?.focus();
    box.current?.setSelectionRange(edit.caret, edit.caret);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setRefusal(null);
    try {
      const {
        data,
        error: failed,
        response,
      } = await client.POST('/api/prompts/{p}/versions', {
        params: { path: { p: promptName }, query: { set_active: makeActive ? 'true' : 'false' } },
        body: { prompt_text: text, is_production: makeProduction },
      });
      const problems = (failed as { problems?: LintProblem[] } | undefined)?.problems;
      if (response.status === 422 && Array.isArray(problems)) {
        setRefusal({ text, detail: describeFailure(response.status, failed), problems });
        return;
      }
      if (!response.ok || !data) throw new ApiError(response.status, describeFailure(response.status, failed));
      onCreated(data);
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
          aria-describedby="prompt-lint"
          aria-invalid={problems.length > 0}
          required
        />
        <LintReport
          text={text}
          problems={problems}
          warnings={lint.warnings}
          onApply={applyFix}
          summaryId="prompt-lint"
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
        {(error ?? refused) && (
          <p className="error" role="alert">
            {error ?? refused?.detail}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || text.trim() === '' || !canSave}>
          {busy ? 'Saving…' : 'Save version'}
        </button>
      </form>
    </section>
  );
}
