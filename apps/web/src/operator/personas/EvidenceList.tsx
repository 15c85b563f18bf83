import type { PersonaEvidence } from '@coach/core';
import { useState } from 'react';
import { type ApiClient, ApiError, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { Link } from '../../router.tsx';
import { valueLines } from './persona-values.ts';
import { type QuoteSegment, splitOnQuote } from './quote-highlight.ts';

type Memory = Schemas['MemoryRecord'];

/** A conversation's memory, fetched once per page however many pieces of evidence point at it; null = none. */
export type MemoryLookup = (conversationId: number) => Promise<Memory | null>;

export function memoryLookup(client: ApiClient): MemoryLookup {
  const asked = new Map<number, Promise<Memory | null>>();
  return (conversationId) => {
    let pending = asked.get(conversationId);
    if (!pending) {
      pending = unwrap(
        client.GET('/api/internal/conversations/{id}/memory', { params: { path: { id: conversationId } } }),
      ).catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 404) return null;
        asked.delete(conversationId);
        throw failure;
      });
      asked.set(conversationId, pending);
    }
    return pending;
  };
}

interface EvidenceListProps {
  userId: number;
  items: PersonaEvidence[];
  loadMemory: MemoryLookup;
}

/** The student's words behind one persona key: each quote marked, where it came from, the memory on demand. */
export function EvidenceList({ userId, items, loadMemory }: EvidenceListProps) {
  return (
    <ul className="evidence">
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: evidence is positional and never reorders
        <li key={index}>
          <q className="evidence-quote">
            <mark>{item.quote}</mark>
          </q>
          <p className="evidence-source">
            Memory {item.memory_id} ·{' '}
            <Link to={`/operator/students/${userId}#conversation-${item.conversation_id}`}>
              Open conversation {item.conversation_id}
            </Link>
          </p>
          <MemoryDetails evidence={item} loadMemory={loadMemory} />
        </li>
      ))}
    </ul>
  );
}

function MemoryDetails({ evidence, loadMemory }: { evidence: PersonaEvidence; loadMemory: MemoryLookup }) {
  const [memory, setMemory] = useState<Memory | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  async function open() {
    if (memory !== undefined) return;
    try {
      setMemory(await loadMemory(evidence.conversation_id));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <details
      className="evidence-memory"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open) void open();
      }}
    >
      <summary>Show memory {evidence.memory_id}</summary>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {memory === undefined && !error && <p>Loading…</p>}
      {memory === null && <p className="hint">This conversation has no memory any more.</p>}
      {memory && <QuotedMemory memory={memory} evidence={evidence} />}
    </details>
  );
}

const MEMORY_FIELDS = [
  ['main_topics', 'Main topics'],
  ['action', 'Actions'],
  ['typical_observation', 'Typical observation'],
] as const;

/** The memory's fields with the quote marked where it occurs; says so when the words came from the chat instead. */
export function QuotedMemory({ memory, evidence }: { memory: Memory; evidence: PersonaEvidence }) {
  const fields = MEMORY_FIELDS.map(([key, label]) => ({
    label,
    lines: valueLines(memory.memory_data[key]).map((line) => ({ line, segments: splitOnQuote(line, evidence.quote) })),
  }));
  const found = fields.some((field) => field.lines.some((line) => line.segments));
  return (
    <div className="memory">
      {memory.id !== evidence.memory_id && (
        <p className="hint">The memory was written again since (now memory {memory.id}).</p>
      )}
      {!found && <p className="hint">These words are the student's own, from the conversation.</p>}
      <dl>
        {fields.map((field) => (
          <div key={field.label}>
            <dt>{field.label}</dt>
            <dd>
              {field.lines.length === 0
                ? '—'
                : field.lines.map(({ line, segments }, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional and never reorder
                    <span key={index} className="memory-line">
                      {segments ? <QuoteMarked segments={segments} /> : line}
                    </span>
                  ))}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function QuoteMarked({ segments }: { segments: QuoteSegment[] }) {
  return segments.map((segment, index) =>
    segment.quoted ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
      <mark key={index}>{segment.text}</mark>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
      <span key={index}>{segment.text}</span>
    ),
  );
}
