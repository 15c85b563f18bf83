import type { LlmClient } from '../llm/client.ts';
import { parseCoachReply } from '../llm/schemas.ts';
import { runStep, type StepOptions } from './step.ts';
import type { TurnContext, TurnRequest } from './types.ts';

/** Simplified mode: the whole turn in one call of the `simplified_conversation` prompt. */
export function simplifiedConversation(turn: TurnRequest, context: TurnContext, llm: LlmClient, options: StepOptions) {
  return runStep(
    {
      name: 'simplified_conversation',
      prompt: 'simplified_conversation',
      callType: 'simplified_conversation',
      parse: parseCoachReply,
      query: turn.content,
    },
    turn,
    context,
    llm,
    options,
  );
}
