import type { LlmClient } from '../llm/client.ts';
import { parseStructured, ResponseGeneration } from '../llm/schemas.ts';
import type { PromptName } from '../prompts/builtin.ts';
import { runStep, type StepOptions } from './step.ts';
import type { TurnContext, TurnRequest } from './types.ts';

export const INITIAL_RESPONSE_STEP = 'initial_response_generation';

const PROMPT_BY_INTENT: Record<string, PromptName> = {
  personal: 'response_generation_personal',
  conversational: 'response_generation_conversational',
};

/**
 * Full pipeline, step 3: the initial response, from the prompt variant for the intent category.
 * Persona and memory placeholders are rendered here like everywhere (docs/api/prompts.md, placeholders).
 */
export function generateInitialResponse(
  turn: TurnRequest,
  context: TurnContext,
  llm: LlmClient,
  input: { intentCategory: string; intent: string; knowledge: string },
  options: StepOptions,
) {
  return runStep(
    {
      name: INITIAL_RESPONSE_STEP,
      prompt: PROMPT_BY_INTENT[input.intentCategory] ?? 'response_generation',
      callType: 'response_generation',
      parse: (text) => parseStructured(text, ResponseGeneration, () => ({ response: text.trim() })),
      query: turn.content,
      extra: { INTENT: input.intent, KNOWLEDGE: input.knowledge },
    },
    turn,
    context,
    llm,
    options,
  );
}
