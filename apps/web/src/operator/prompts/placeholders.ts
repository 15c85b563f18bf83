import { ALLOWED_MEMORY_KEYS, ALLOWED_PERSONA_KEYS } from '@coach/core';

/** A template variable the Brain fills in when it renders a prompt (docs/api/prompts.md, Placeholders). */
export interface Placeholder {
  token: string;
  description: string;
}

export interface PlaceholderGroup {
  label: string;
  placeholders: Placeholder[];
}

/** Everything the picker offers; the keys come from the same allowlists the Brain renders with. */
export const PLACEHOLDER_GROUPS: PlaceholderGroup[] = [
  {
    label: 'Student persona',
    placeholders: [
      { token: '{{USER_PERSONA}}', description: 'every persona field, as one sentence' },
      ...ALLOWED_PERSONA_KEYS.map((key) => ({ token: `{{USER_PERSONA__${key}}}`, description: `only ${key}` })),
    ],
  },
  {
    label: 'Conversation memory',
    placeholders: [
      { token: '{{CONVERSATION_MEMORY}}', description: 'every memory field, as one sentence' },
      ...ALLOWED_MEMORY_KEYS.map((key) => ({ token: `{{CONVERSATION_MEMORY__${key}}}`, description: `only ${key}` })),
    ],
  },
  {
    label: 'This turn',
    placeholders: [
      { token: '{{QUERY}}', description: "the student's message" },
      { token: '{{CONVERSATION_HISTORY}}', description: 'the conversation so far' },
    ],
  },
];

export interface TextEdit {
  text: string;
  /** Where the caret goes: right after the inserted token. */
  caret: number;
}

/** Puts `token` in place of the selection (or at the caret) of `text`. */
export function insertPlaceholder(text: string, selectionStart: number, selectionEnd: number, token: string): TextEdit {
  const start = clamp(Math.min(selectionStart, selectionEnd), 0, text.length);
  const end = clamp(Math.max(selectionStart, selectionEnd), 0, text.length);
  return { text: text.slice(0, start) + token + text.slice(end), caret: start + token.length };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
