/**
 * The placeholder grammar (docs/api/prompts.md, "Placeholders"): every template variable in one
 * alternation, so a template is rendered in a single pass. Group 1: a variable without keys; group 2:
 * `USER_PERSONA` or `CONVERSATION_MEMORY`; group 3: its keys; group 4: any other upper-case name (a
 * step's own variable such as `{{INTENT}}`, or unknown). The key part is `[A-Za-z0-9_]+`, not the
 * equivalent `[A-Za-z0-9_]+(?:__[A-Za-z0-9_]+)*`: that nested form backtracks exponentially on a long
 * run of underscores not closed by `}}`, so one careless template could stall the Brain.
 */
export const TEMPLATE_VARIABLE_SCAN =
  /\{\{(?:(QUERY|CONVERSATION_HISTORY|USER_PERSONA_JSON)|(USER_PERSONA|CONVERSATION_MEMORY)(?:__([A-Za-z0-9_]+))?|([A-Z][A-Z0-9_]*))\}\}/g;

/**
 * Splits a token's key part (`persona__learning_patterns`) into keys. Empty segments, as in
 * `{{USER_PERSONA__persona__}}`, name nothing and are dropped.
 */
export function parseRequestedKeys(keyPart: string | undefined): string[] | null {
  if (keyPart === undefined) return null;
  return keyPart.split('__').filter((key) => key !== '');
}
