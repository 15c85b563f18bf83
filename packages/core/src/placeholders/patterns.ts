import { MEMORY_SNIPPET } from './memory.ts';
import { PERSONA_SNIPPET } from './persona.ts';

/** Variables written without keys: `{{QUERY}}`, `{{CONVERSATION_HISTORY}}`, `{{USER_PERSONA_JSON}}`. */
export const PLAIN_VARIABLES = ['QUERY', 'CONVERSATION_HISTORY', 'USER_PERSONA_JSON'] as const;

/** Variables that may name keys (`{{USER_PERSONA__persona}}`), each with the allowlist its snippet renders. */
export const KEYED_VARIABLES = {
  USER_PERSONA: PERSONA_SNIPPET.allowedKeys,
  CONVERSATION_MEMORY: MEMORY_SNIPPET.allowedKeys,
} as const;

export type KeyedVariableName = keyof typeof KEYED_VARIABLES;

/**
 * The placeholder grammar (docs/api/prompts.md, "Placeholders"): every template variable in one
 * alternation, so a template is rendered in a single pass. Group 1: a variable without keys; group 2:
 * `USER_PERSONA` or `CONVERSATION_MEMORY`; group 3: its keys; group 4: any other upper-case name (a
 * step's own variable such as `{{INTENT}}`, or unknown). The key part is `[A-Za-z0-9_]+`, not the
 * equivalent `[A-Za-z0-9_]+(?:__[A-Za-z0-9_]+)*`: that nested form backtracks exponentially on a long
 * run of underscores not closed by `}}`, so one careless template could stall the Brain.
 */
export const TEMPLATE_VARIABLE_SCAN = new RegExp(
  `\\{\\{(?:(${PLAIN_VARIABLES.join('|')})|(${Object.keys(KEYED_VARIABLES).join('|')})(?:__([A-Za-z0-9_]+))?|([A-Z][A-Z0-9_]*))\\}\\}`,
  'g',
);

/**
 * Splits a token's key part (`persona__learning_patterns`) into keys. Empty segments, as in
 * `{{USER_PERSONA__persona__}}`, name nothing and are dropped.
 */
export function parseRequestedKeys(keyPart: string | undefined): string[] | null {
  if (keyPart === undefined) return null;
  return keyPart.split('__').filter((key) => key !== '');
}
