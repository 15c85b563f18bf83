import { useEffect, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { splitByInjections } from './preview-segments.ts';

const TYPING_PAUSE_MS = 300;

/** What to preview: the unsaved text in the editor, or a saved version by number. */
export type PreviewSource = 'draft' | number;

interface PromptPreviewProps {
  client: ApiClient;
  promptName: string;
  /** The editor's text, unsaved. */
  draft: string;
  versions: readonly Schemas['PromptVersion'][];
  source: PreviewSource;
  onSourceChange: (source: PreviewSource) => void;
}

/** The exact prompt a chosen student's next message would get, what each placeholder put there marked. */
export function PromptPreview({ client, promptName, draft, versions, source, onSourceChange }: PromptPreviewProps) {
  const [students, setStudents] = useState<Schemas['StudentSummary'][] | null>(null);
  const [studentId, setStudentId] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const [preview, setPreview] = useState<Schemas['PromptPreview'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    unwrap(client.GET('/api/admin/users', { params: { query: { limit: 100 } } }))
      .then(setStudents)
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }, [client]);

  // the text being previewed, so typing in the editor re-renders only a draft preview
  const text = source === 'draft' ? draft : null;
  useEffect(() => {
    if (studentId === null) return;
    let live = true;
    setBusy(true);
    const timer = setTimeout(() => {
      unwrap(
        client.POST('/api/prompts/{p}/preview', {
          params: { path: { p: promptName } },
          body: {
            user_id: studentId,
            ...(text === null ? { version_number: source as number } : { prompt_text: text }),
            ...(query.trim() && { query }),
          },
        }),
      )
        .then((answer) => {
          if (!live) return;
          setPreview(answer);
          setError(null);
        })
        .catch((failure: unknown) => live && setError(errorMessage(failure)))
        .finally(() => live && setBusy(false));
    }, TYPING_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, promptName, studentId, source, text, query]);

  const withoutPersona = (students ?? []).filter((student) => !student.has_persona);
  const withPersona = (students ?? []).filter((student) => student.has_persona);
  const studentOption = (student: Schemas['StudentSummary']) => (
    <option key={student.id} value={student.id}>
      {student.name ?? `Student ${student.id}`}
      {student.has_persona ? '' : ' (no persona yet)'}
    </option>
  );

  return (
    <section aria-labelledby="preview-title" className="prompt-preview">
      <h2 id="preview-title">Preview</h2>
      <p className="hint">
        The exact prompt a student's next message would get, with their persona and their latest conversation. Nothing
        is saved and no model is called.
      </p>
      <div className="preview-controls">
        <div>
          <label htmlFor="preview-student">Student</label>
          <select
            id="preview-student"
            value={studentId ?? ''}
            onChange={(event) => setStudentId(event.target.value === '' ? null : Number(event.target.value))}
          >
            <option value="">Choose a student…</option>
            {withoutPersona.length > 0 && (
              <optgroup label="No persona yet">{withoutPersona.map(studentOption)}</optgroup>
            )}
            {withPersona.length > 0 && <optgroup label="With a persona">{withPersona.map(studentOption)}</optgroup>}
          </select>
        </div>
        <div>
          <label htmlFor="preview-source">Text</label>
          <select
            id="preview-source"
            value={String(source)}
            onChange={(event) => onSourceChange(event.target.value === 'draft' ? 'draft' : Number(event.target.value))}
          >
            <option value="draft">The text in the editor (unsaved)</option>
            {versions.map((version) => (
              <option key={version.id} value={version.version_number}>
                {versionLabel(version)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="preview-query">The student's next message (optional)</label>
          <input id="preview-query" type="text" value={query} onChange={(event) => setQuery(event.target.value)} />
        </div>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="status-line" role="status">
        {studentId === null ? 'Choose a student to see their prompt.' : busy ? 'Rendering…' : ''}
      </p>
      {studentId !== null && preview && (
        <>
          <p className="hint">
            <mark className="legend">Highlighted</mark>: what a placeholder put there (its name shows on hover).
          </p>
          <pre className="prompt" data-testid="preview-prompt">
            {splitByInjections(preview.rendered, preview.injections).map((segment, at) =>
              segment.placeholder === undefined ? (
                segment.text
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
                <mark key={at} title={segment.placeholder} data-placeholder={segment.placeholder}>
                  {segment.text}
                </mark>
              ),
            )}
          </pre>
        </>
      )}
    </section>
  );
}

function versionLabel(version: Schemas['PromptVersion']): string {
  const badges = [version.is_active && 'active', version.is_production && 'production'].filter(Boolean);
  return `v${version.version_number}${badges.length > 0 ? ` (${badges.join(', ')})` : ''}`;
}
