import {
  ALLOWED_PERSONA_KEYS,
  type GenerationJobRecord,
  type MemoryCounts,
  type MemoryItemResult,
  type PersonaOutcome,
  type PersonaRecord,
  type PersonaRevisionRecord,
} from '@coach/core';

/** How the CLI shows personas and job outcomes to a person (`--json` shows the records instead). */

const HEADINGS: Record<string, string> = {
  inferred_interests: 'Interests',
  learning_patterns: 'Learning patterns',
  personality_traits: 'Personality traits',
};

export interface PersonaView {
  /** The student's name when the caller knows it. */
  name?: string | undefined;
  /** Columns to wrap at. */
  width?: number | undefined;
}

/** The portrait as a paragraph, each list under its heading, and any other field the model added. */
export function renderPersona(record: PersonaRecord, view: PersonaView = {}): string {
  const width = Math.max(40, Math.min(view.width ?? process.stdout.columns ?? 80, 100));
  const who = view.name ? `${view.name} (user ${record.user_id})` : `user ${record.user_id}`;
  const lines = [`Persona of ${who} · updated ${readableTime(record.updated_at)}`];
  const data = record.persona_data;
  const known: readonly string[] = ALLOWED_PERSONA_KEYS;
  const keys = [...known.filter((key) => key in data), ...Object.keys(data).filter((key) => !known.includes(key))];
  for (const key of keys) {
    const value = data[key];
    lines.push('');
    if (key !== 'persona') lines.push(`${HEADINGS[key] ?? headingOf(key)}:`);
    lines.push(...renderValue(value, width));
  }
  return lines.join('\n');
}

function renderValue(value: unknown, width: number): string[] {
  if (typeof value === 'string') return wrap(value, width - 2).map((line) => `  ${line}`);
  if (Array.isArray(value)) {
    if (value.length === 0) return ['  (none)'];
    return value.flatMap((item) =>
      wrap(typeof item === 'string' ? item : JSON.stringify(item), width - 4).map((line, i) =>
        i === 0 ? `  • ${line}` : `    ${line}`,
      ),
    );
  }
  return [`  ${JSON.stringify(value)}`];
}

const headingOf = (key: string) => {
  const words = key.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Greedy word wrap; a word longer than the width gets a line of its own. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** `2025-11-25 08:10 UTC`: readable, and the same wherever it runs. */
export function readableTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `1 persona`, `3 personas`. */
export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function memoryCountsText(counts: MemoryCounts): string {
  return `${counts.saved} saved, ${counts.skipped} skipped, ${counts.failed} failed`;
}

/** One line per memory that did not get written, with why. */
export function unwrittenMemoryLines(items: MemoryItemResult[]): string[] {
  return items.flatMap((item) => {
    if (item.status === 'failed') return [`  conversation ${item.conversation_id}: failed — ${item.error}`];
    if (item.status === 'skipped') return [`  conversation ${item.conversation_id}: skipped — ${item.reason}`];
    return [];
  });
}

export function personaOutcomeText(outcome: PersonaOutcome): string {
  if (outcome.status === 'saved') {
    const revision = outcome.revision;
    if (!revision) return `saved (${readableTime(outcome.updated_at)})`;
    const status = revision.status === 'pending' ? 'waiting for review' : revision.status;
    return `saved as revision ${revision.number} (id ${revision.id}), ${status} (${readableTime(outcome.updated_at)})`;
  }
  if (outcome.status === 'skipped') return `skipped — ${outcome.reason}`;
  return `failed — ${outcome.error}`;
}

/** What a settled job did: the state line, then the memories' and the persona's outcome. */
/** `--dry-run`: what the run would select and use, said as an estimate. */
export function dryRunText(answer: {
  selected: number;
  estimated_calls: number;
  estimated_input_tokens: number;
  estimated_output_tokens: number;
}): string {
  return `Dry run: ${answer.selected} selected; about ${plural(answer.estimated_calls, 'model call')}, ${answer.estimated_input_tokens} input and ${answer.estimated_output_tokens} output tokens (an estimate; nothing was queued).`;
}

/** A job stopped at its budget: what it left, and how to go on. */
export function stoppedJobLines(job: GenerationJobRecord): string[] {
  if (job.state !== 'stopped') return [];
  const remaining = job.result?.remaining;
  const left = [
    ...(remaining && remaining.conversation_ids.length > 0
      ? [plural(remaining.conversation_ids.length, 'conversation')]
      : []),
    ...(remaining?.persona ? ['the persona'] : []),
  ];
  return [
    `Stopped at its budget${left.length > 0 ? `; left: ${left.join(' and ')}` : ''}. Go on with: coach jobs resume ${job.id} [--max-calls N] [--max-tokens N]`,
  ];
}

export function describeJob(job: GenerationJobRecord): string[] {
  const student = job.user_id === null ? '' : `, user ${job.user_id}`;
  const attempts = job.attempts > 1 ? ` after ${job.attempts} attempts` : '';
  const lines = [`Job ${job.id} (${job.type}${student}): ${job.state}${attempts}.`];
  const result = job.result;
  if (result && 'memories' in result) {
    const { counts, items } = result.memories;
    lines.push(`Memories: ${memoryCountsText(counts)} (of ${counts.selected} conversations).`);
    lines.push(...unwrittenMemoryLines(items));
  }
  if (result && 'persona' in result) lines.push(`Persona: ${personaOutcomeText(result.persona)}.`);
  return [...lines, ...stoppedJobLines(job)];
}

/** `coach personas history`: one row per revision as given (newest first), the current persona marked. */
export function revisionHistoryLines(revisions: PersonaRevisionRecord[]): string[] {
  const current = revisions.find((revision) => revision.status === 'approved');
  const rows = revisions.map((revision) => [
    String(revision.number),
    String(revision.id),
    revision === current ? 'approved (current)' : revision.status,
    revision.source,
    readableTime(revision.created_at),
    revision.diff.length === 0
      ? '(no change)'
      : revision.diff.map((entry) => changeMark(entry.change) + entry.key).join(', '),
  ]);
  return table(['#', 'id', 'status', 'source', 'created', 'changed keys'], rows);
}

const changeMark = (change: 'added' | 'changed' | 'removed') => ({ added: '+', changed: '~', removed: '-' })[change];

/** Columns as wide as their widest cell, two spaces apart; the last column is not padded. */
function table(headings: string[], rows: string[][]): string[] {
  const widths = headings.map((heading, i) => Math.max(heading.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`;
  return [line(headings), ...rows.map(line)];
}

/**
 * A revision as an operator reviews it: who and when, then each changed key with its value before and
 * after and the quotes that support it, then the keys left without evidence.
 */
export function renderRevisionForReview(
  revision: PersonaRevisionRecord & { name?: string | null | undefined },
  view: { width?: number | undefined } = {},
): string[] {
  const width = Math.max(40, Math.min(view.width ?? process.stdout.columns ?? 80, 100));
  const who = revision.name ? `${revision.name} (user ${revision.user_id})` : `user ${revision.user_id}`;
  const job = revision.job_id === null ? '' : `, job ${revision.job_id}`;
  const lines = [
    `Revision ${revision.number} of ${who} · id ${revision.id} · ${revision.status} · ${revision.source}${job} · ${readableTime(revision.created_at)}`,
  ];
  if (revision.diff.length === 0) lines.push('  No change from the current persona.');
  for (const entry of revision.diff) {
    lines.push(`  ${changeMark(entry.change)} ${entry.key} (${entry.change})`);
    if (entry.change !== 'added') lines.push(...labelled('before', entry.before, width));
    if (entry.change !== 'removed') {
      lines.push(...labelled('after', entry.after, width));
      const evidence = revision.evidence[entry.key] ?? [];
      for (const piece of evidence) {
        lines.push(
          ...labelled(
            'evidence',
            `"${piece.quote}" (memory ${piece.memory_id}, conversation ${piece.conversation_id})`,
            width,
          ),
        );
      }
      if (evidence.length === 0 && revision.source === 'generator') lines.push('      evidence: none');
    }
  }
  if (revision.unsupported_keys.length > 0) lines.push(`  Without evidence: ${revision.unsupported_keys.join(', ')}`);
  if (revision.flagged_keys.length > 0) {
    lines.push(`  Reads like an instruction to the model: ${revision.flagged_keys.join(', ')}`);
  }
  if (revision.reason) lines.push(`  Reason: ${revision.reason}`);
  return lines;
}

/** `      after: text`, wrapped under itself. */
function labelled(label: string, value: unknown, width: number): string[] {
  const text = typeof value === 'string' ? value : plainList(value);
  const head = `      ${`${label}:`.padEnd(10)}`;
  return wrap(text, width - head.length).map((line, i) => (i === 0 ? head : ' '.repeat(head.length)) + line);
}

function plainList(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join('; ');
  }
  return value === null || value === undefined ? '(none)' : JSON.stringify(value);
}
