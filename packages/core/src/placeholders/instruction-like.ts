/**
 * Values that read like an instruction to the model rather than a fact about a student
 * (docs/api/persona-revisions.md, "Values that read like instructions"). Such a value is still only ever
 * injected as a quoted, escaped value that is never re-scanned; the flag is for the operator's eyes and,
 * with review on, holds the revision for a decision.
 *
 * Each pattern runs on the normalized text (NFKC, lower case, single spaces). Phrases that a student's
 * portrait can contain innocently are matched only in their imperative form: "act as a pirate" at the
 * start of a sentence is flagged, "she likes to act as the team captain" is not.
 */
const SENTENCE_START = String.raw`(?:^|[.!?:;"'()\[\]>\-*]\s*|\b(?:now|please|from now on|you must|you should|you will|you'll|always)\s+)`;

export const INSTRUCTION_PATTERNS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  {
    name: 'ignore previous instructions',
    pattern:
      /\b(?:ignore|forget|skip|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|of\s+)*(?:previous|prior|above|earlier|preceding|foregoing|former|existing|original|system|these|those|your)\b[^.!?\n]{0,30}?\b(?:instructions?|prompts?|rules|directions|directives|guidelines|context|messages?|commands?)\b/,
  },
  {
    name: 'disregard the above',
    pattern:
      /\bdisregard\s+(?:all\s+|any\s+|the\s+|your\s+|of\s+)*(?:previous|prior|above|earlier|preceding|foregoing|everything|instructions?|rules|system)\b/,
  },
  { name: 'you are now', pattern: /\byou are now\b/ },
  { name: 'from now on you', pattern: /\bfrom now on,? you\b/ },
  { name: 'system prompt', pattern: /\bsystem (?:prompt|message|instructions?)\b/ },
  { name: 'new instructions', pattern: /\b(?:new|updated|real|actual) (?:instructions?|rules|task)\s*:/ },
  {
    name: 'act as',
    pattern: new RegExp(`${SENTENCE_START}(?:act|acting|behave|respond|answer|reply) as (?:if |though )?\\b`),
  },
  {
    name: 'pretend to be',
    pattern: new RegExp(`${SENTENCE_START}(?:pretend (?:to be|you are|you're)|roleplay as|role-play as)\\b`),
  },
  {
    name: 'reveal your instructions',
    pattern: /\b(?:reveal|print|show|repeat) (?:your|the) (?:system )?(?:prompt|instructions)\b/,
  },
  {
    name: 'role tag',
    pattern: /<\|\s*(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id)\s*\|>/,
  },
  {
    name: 'role markup',
    pattern: /<\/?\s*(?:system|assistant|instructions?|sys)\s*>|<<\/?sys>>|\[\/?(?:inst|system)\]/,
  },
  { name: 'role line', pattern: /(?:^|\n)\s*#*\s*(?:system|assistant)\s*:/ },
];

function normalizeForScan(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F]/g, '"')
    .toLowerCase()
    .replace(/[^\S\n]+/g, ' ');
}

/** The names of the patterns a text matches; empty when it reads like an ordinary value. */
export function instructionPatternsIn(text: string): string[] {
  const scanned = normalizeForScan(text);
  return INSTRUCTION_PATTERNS.filter(({ pattern }) => pattern.test(scanned)).map(({ name }) => name);
}

export function looksLikeInstruction(text: string): boolean {
  return instructionPatternsIn(text).length > 0;
}

function anyStringLooksLikeInstruction(value: unknown): boolean {
  if (typeof value === 'string') return looksLikeInstruction(value);
  if (Array.isArray(value)) return value.some(anyStringLooksLikeInstruction);
  if (value !== null && typeof value === 'object') return Object.values(value).some(anyStringLooksLikeInstruction);
  return false;
}

/** The top-level keys of a persona or memory with a value (or a string inside it) that reads like an instruction. */
export function instructionLikeKeys(data: Record<string, unknown>): string[] {
  return Object.entries(data)
    .filter(([, value]) => anyStringLooksLikeInstruction(value))
    .map(([key]) => key);
}
