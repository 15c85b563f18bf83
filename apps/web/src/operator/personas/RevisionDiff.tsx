import type { PersonaDiffEntry, PersonaRevisionRecord } from '@coach/core';
import { EvidenceList, type MemoryLookup } from './EvidenceList.tsx';
import { keyLabel, markLines } from './persona-values.ts';

const CHANGE_WORDS: Record<PersonaDiffEntry['change'], string> = {
  added: 'new',
  changed: 'changed',
  removed: 'removed',
};

interface RevisionDiffProps {
  revision: PersonaRevisionRecord;
  /** Evidence is shown under each key when given; the history leaves it out to stay short. */
  loadMemory?: MemoryLookup;
}

/**
 * What a revision changes against the persona that was current when it was made: one row per key,
 * before | after side by side, entries that came or went marked, and the evidence for the new value.
 */
export function RevisionDiff({ revision, loadMemory }: RevisionDiffProps) {
  if (revision.diff.length === 0) return <p className="hint">No changes from the persona that was current.</p>;
  const unsupported = new Set(revision.unsupported_keys);
  const flagged = new Set(revision.flagged_keys);
  return (
    <table className="persona-diff">
      <caption className="visually-hidden">Changes in revision {revision.number}</caption>
      <thead>
        <tr>
          <th scope="col">Part</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      {revision.diff.map((entry) => {
        const evidence = revision.evidence[entry.key] ?? [];
        return (
          <tbody key={entry.key} className={`diff-key ${entry.change}`} data-key={entry.key}>
            <tr>
              <th scope="row">
                <span className="diff-key-label">{keyLabel(entry.key)}</span>{' '}
                <span className={`badge ${entry.change}`}>{CHANGE_WORDS[entry.change]}</span>
                {flagged.has(entry.key) && <span className="badge flagged">reads like an instruction</span>}
                {unsupported.has(entry.key) && <span className="badge unsupported">no evidence</span>}
              </th>
              <td data-label="Before">
                <SideOfChange value={entry.before} other={entry.after} mark="del" />
              </td>
              <td data-label="After">
                <SideOfChange value={entry.after} other={entry.before} mark="ins" />
              </td>
            </tr>
            {loadMemory && entry.change !== 'removed' && (
              <tr className="evidence-row">
                <td colSpan={3}>
                  <span className="evidence-title">Evidence for {keyLabel(entry.key)}</span>
                  {evidence.length > 0 ? (
                    <EvidenceList userId={revision.user_id} items={evidence} loadMemory={loadMemory} />
                  ) : (
                    <p className="hint">No evidence: nothing the student said supports this.</p>
                  )}
                </td>
              </tr>
            )}
          </tbody>
        );
      })}
    </table>
  );
}

/** One side of a key's change: its lines, those the other side lacks wrapped in <ins> (after) or <del> (before). */
function SideOfChange({ value, other, mark }: { value: unknown; other: unknown; mark: 'ins' | 'del' }) {
  const lines = markLines(value, other);
  if (lines.length === 0) return <span className="hint">(nothing)</span>;
  const Mark = mark;
  const said = mark === 'ins' ? 'added: ' : 'removed: ';
  if (!Array.isArray(value)) {
    // a sentence is read whole: marked by its colour, not struck through
    const [line] = lines;
    return (
      <p className="diff-text">
        {line!.changed ? (
          <Mark>
            <span className="visually-hidden">{said}</span>
            {line!.text}
          </Mark>
        ) : (
          line!.text
        )}
      </p>
    );
  }
  return (
    <ul className="diff-values">
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a value's lines are positional and never reorder
        <li key={index}>
          {line.changed ? (
            <Mark>
              <span className="visually-hidden">{said}</span>
              {line.text}
            </Mark>
          ) : (
            line.text
          )}
        </li>
      ))}
    </ul>
  );
}

/** The callouts above a revision's diff: values that read like instructions, keys without evidence. */
export function RevisionWarnings({ revision }: { revision: PersonaRevisionRecord }) {
  const flagged = revision.flagged_keys.map(keyLabel);
  const unsupported = revision.unsupported_keys.map(keyLabel);
  if (flagged.length === 0 && unsupported.length === 0) return null;
  return (
    <div className="revision-warnings">
      {flagged.length > 0 && (
        <p className="warning">
          <strong>Check carefully:</strong> {flagged.join(', ')} {flagged.length === 1 ? 'reads' : 'read'} like an
          instruction to the coach, not a description of the student.
        </p>
      )}
      {unsupported.length > 0 && (
        <p className="warning">
          <strong>No evidence</strong> for {unsupported.join(', ')}: nothing the student said was found to support{' '}
          {unsupported.length === 1 ? 'it' : 'them'}.
        </p>
      )}
    </div>
  );
}
