/**
 * What each of the Brain's prompts is rendered with (docs/api/prompts.md, "Purposes"): a chat step gets
 * the turn's query, history, persona and memory plus its own step variables; memory generation only the
 * transcript; persona generation only the listed memories. A placeholder outside its prompt's set renders
 * empty, as a fallback, or stays literal, so the lint warns about it.
 */
export type PromptPurpose = 'chat' | 'memory_generation' | 'persona_generation';

export interface PromptPurposeSpec {
  purpose: PromptPurpose;
  /** Placeholder names the prompt's render fills (keyed ones by their bare name). */
  fills: readonly string[];
  /** A placeholder the prompt is pointless without. */
  expects: string;
}

const TURN_VARIABLES = [
  'QUERY',
  'CONVERSATION_HISTORY',
  'USER_PERSONA',
  'USER_PERSONA_JSON',
  'CONVERSATION_MEMORY',
] as const;

const chat = (...stepVariables: string[]): PromptPurposeSpec => ({
  purpose: 'chat',
  fills: [...TURN_VARIABLES, ...stepVariables],
  expects: 'QUERY',
});

export const PROMPT_PURPOSES: Readonly<Record<string, PromptPurposeSpec>> = {
  simplified_conversation: chat(),
  intent_gathering: chat(),
  knowledge_retrieval: chat('INTENT'),
  response_generation: chat('INTENT', 'KNOWLEDGE'),
  response_generation_personal: chat('INTENT', 'KNOWLEDGE'),
  response_generation_conversational: chat('INTENT', 'KNOWLEDGE'),
  learning_enhancement: chat('INITIAL_RESPONSE'),
  follow_up_response: chat('ORIGINAL_QUERY', 'FOLLOW_UP_QUESTIONS'),
  memory_generation: { purpose: 'memory_generation', fills: ['CONVERSATION_HISTORY'], expects: 'CONVERSATION_HISTORY' },
  user_persona_generation: {
    purpose: 'persona_generation',
    fills: ['CONVERSATION_MEMORIES'],
    expects: 'CONVERSATION_MEMORIES',
  },
};

/** Every step's own variable: filled by some prompt's step, so never a typo. */
export const STEP_VARIABLES: readonly string[] = [
  ...new Set(
    Object.values(PROMPT_PURPOSES).flatMap((spec) =>
      spec.fills.filter((name) => !(TURN_VARIABLES as readonly string[]).includes(name)),
    ),
  ),
];

export function promptPurposeOf(promptName: string): PromptPurposeSpec | undefined {
  return Object.hasOwn(PROMPT_PURPOSES, promptName) ? PROMPT_PURPOSES[promptName] : undefined;
}
