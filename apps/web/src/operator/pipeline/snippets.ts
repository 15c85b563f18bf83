import { MEMORY_FALLBACK, PERSONA_FALLBACK } from '@coach/core';

// the opening words of the persona and memory snippets (packages/core placeholders/persona.ts, memory.ts)
const SNIPPET_START = [
  'These are some details about the user.',
  'These are some details of the conversation till now.',
];

/** A rendered prompt cut into plain text and the parts a persona or memory placeholder put there. */
export interface PromptPart {
  text: string;
  injected: boolean;
}

/** Marks each injected snippet (from its opening words to the end of its line) and the fallbacks. */
export function markInjectedSnippets(prompt: string): PromptPart[] {
  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const snippet = new RegExp(
    [
      ...SNIPPET_START.map((start) => `${escapeRegExp(start)}[^\\n]*`),
      escapeRegExp(PERSONA_FALLBACK),
      escapeRegExp(MEMORY_FALLBACK),
    ].join('|'),
    'g',
  );
  const parts: PromptPart[] = [];
  let from = 0;
  for (const match of prompt.matchAll(snippet)) {
    if (match.index > from) parts.push({ text: prompt.slice(from, match.index), injected: false });
    parts.push({ text: match[0], injected: true });
    from = match.index + match[0].length;
  }
  if (from < prompt.length) parts.push({ text: prompt.slice(from), injected: false });
  return parts;
}
