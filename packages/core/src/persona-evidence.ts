import { nonEmptyKeys } from './persona-review.ts';
import type { PersonaEvidence, PersonaEvidenceClaim } from './persona-revisions.ts';

/** A quote shorter than this says nothing; a longer one is no longer a quote. */
export const QUOTE_MIN_LENGTH = 3;
export const QUOTE_MAX_LENGTH = 300;
/** Pieces of evidence kept per key: enough to judge a value, few enough to read. */
export const EVIDENCE_PER_KEY = 5;

/** What one of the student's own memories offers as evidence: its words and the student's own messages. */
export interface EvidenceSource {
  memoryId: number;
  conversationId: number;
  memoryData: Record<string, unknown>;
  /** What the student wrote in that memory's conversation (never the coach's messages). */
  studentMessages: readonly string[];
}

export interface CheckedEvidence {
  evidence: Record<string, PersonaEvidence[]>;
  /** Non-empty keys of the persona left without any evidence, in the persona's key order. */
  unsupportedKeys: string[];
}

const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B\u2032]/g;
const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033]/g;
const WHITESPACE = /\s+/g;

/** The form quotes are compared in: NFKC, straight quotes, lower case, single spaces, trimmed. */
export function normalizeQuote(text: string): string {
  return text
    .normalize('NFKC')
    .replace(CURLY_SINGLE, "'")
    .replace(CURLY_DOUBLE, '"')
    .toLowerCase()
    .replace(WHITESPACE, ' ')
    .trim();
}

/** Every string in a JSON value, however deep. */
function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}

/**
 * Checks the generator's claims against what is stored. A claim survives only when its key is a
 * non-empty key of the persona, its memory is one of `sources` (the caller passes only this student's
 * memories), and its quote, normalized, lies within one string of that memory or one of the student's
 * own messages in its conversation. Survivors are deduplicated, at most EVIDENCE_PER_KEY per key.
 */
export function checkEvidence(input: {
  personaData: Record<string, unknown>;
  claims: readonly PersonaEvidenceClaim[];
  sources: ReadonlyMap<number, EvidenceSource>;
}): CheckedEvidence {
  const keys = nonEmptyKeys(input.personaData);
  const wanted = new Set(keys);
  const haystacks = new Map<number, string[]>();
  const haystackOf = (source: EvidenceSource) => {
    let found = haystacks.get(source.memoryId);
    if (!found) {
      found = [...stringsIn(source.memoryData), ...source.studentMessages].map(normalizeQuote);
      haystacks.set(source.memoryId, found);
    }
    return found;
  };

  const evidence: Record<string, PersonaEvidence[]> = {};
  const seen = new Set<string>();
  for (const claim of input.claims) {
    if (!wanted.has(claim.key)) continue;
    const source = input.sources.get(claim.memory_id);
    if (!source) continue;
    const quote = normalizeQuote(claim.quote);
    if (quote.length < QUOTE_MIN_LENGTH || quote.length > QUOTE_MAX_LENGTH) continue;
    if (!haystackOf(source).some((text) => text.includes(quote))) continue;
    const identity = JSON.stringify([claim.key, source.memoryId, quote]);
    if (seen.has(identity)) continue;
    const list = evidence[claim.key] ?? [];
    if (list.length >= EVIDENCE_PER_KEY) continue;
    seen.add(identity);
    evidence[claim.key] = list;
    list.push({ memory_id: source.memoryId, conversation_id: source.conversationId, quote: claim.quote.trim() });
  }
  return { evidence, unsupportedKeys: keys.filter((key) => !evidence[key]) };
}
