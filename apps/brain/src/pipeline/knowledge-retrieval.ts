import type { LlmClient } from '../llm/client.ts';
import { KnowledgeRetrieval, parseStructured } from '../llm/schemas.ts';
import { runStep, type StepOptions } from './step.ts';
import type { TurnContext, TurnRequest } from './types.ts';

export const KNOWLEDGE_STEP = 'knowledge_retrieval';

/** Full pipeline, step 2: the facts a good answer rests on. */
export function retrieveKnowledge(
  turn: TurnRequest,
  context: TurnContext,
  llm: LlmClient,
  intent: string,
  options: StepOptions,
) {
  return runStep(
    {
      name: KNOWLEDGE_STEP,
      prompt: 'knowledge_retrieval',
      callType: 'knowledge_retrieval',
      parse: (text) => parseStructured(text, KnowledgeRetrieval, () => ({ facts: [text.trim()], sources_hint: '' })),
      query: turn.content,
      extra: { INTENT: intent },
    },
    turn,
    context,
    llm,
    options,
  );
}
