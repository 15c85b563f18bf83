import type { LlmClient } from '../llm/client.ts';
import { LearningEnhancement, parseStructured } from '../llm/schemas.ts';
import { runStep, type StepOptions } from './step.ts';
import type { TurnContext, TurnRequest } from './types.ts';

export const ENHANCEMENT_STEP = 'learning_enhancement';

/** Full pipeline, step 4: turn the draft into a better learning moment. */
export function enhanceForLearning(
  turn: TurnRequest,
  context: TurnContext,
  llm: LlmClient,
  draft: string,
  options: StepOptions,
) {
  return runStep(
    {
      name: ENHANCEMENT_STEP,
      prompt: 'learning_enhancement',
      callType: 'learning_enhancement',
      parse: (text) =>
        parseStructured(text, LearningEnhancement, () => ({
          response: text.trim() || draft,
          ended_with_question: text.trim().endsWith('?'),
          educational_concepts: [],
        })),
      query: turn.content,
      extra: { INITIAL_RESPONSE: draft },
    },
    turn,
    context,
    llm,
    options,
  );
}
