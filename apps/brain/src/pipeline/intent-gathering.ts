import type { LlmClient } from '../llm/client.ts';
import { IntentGathering, parseStructured } from '../llm/schemas.ts';
import { runStep, type StepOptions } from './step.ts';
import type { TurnContext, TurnRequest } from './types.ts';

export const INTENT_STEP = 'intent_identification';

/** Full pipeline, step 1: what the student is asking, and whether the coach must ask back first. */
export function gatherIntent(turn: TurnRequest, context: TurnContext, llm: LlmClient, options: StepOptions) {
  return runStep(
    {
      name: INTENT_STEP,
      prompt: 'intent_gathering',
      callType: 'intent_gathering',
      parse: (text) =>
        parseStructured(text, IntentGathering, () => ({
          needs_clarification: false,
          follow_up_questions: [],
          partial_understanding: turn.content,
          intent_category: 'educational' as const,
          key_concepts: [],
        })),
      query: turn.content,
    },
    turn,
    context,
    llm,
    options,
  );
}
