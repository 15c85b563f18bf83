import type { LlmClient } from '../llm/client.ts';
import { parseCoachReply } from '../llm/schemas.ts';
import { INITIAL_RESPONSE_STEP } from './initial-response.ts';
import { runStep, type StepOptions } from './step.ts';
import type { TurnContext, TurnRequest } from './types.ts';

/** The student answered the coach's clarification questions: reply to what they first asked. */
export function followUpResponse(turn: TurnRequest, context: TurnContext, llm: LlmClient, options: StepOptions) {
  return runStep(
    {
      name: 'follow_up_response',
      prompt: 'follow_up_response',
      callType: 'follow_up_response',
      parse: parseCoachReply,
      query: turn.content,
      // not a FlowConfig step: it sees the history the step answering turns in this mode would see
      settingsOf: context.flow.use_simplified_mode ? 'simplified_conversation' : INITIAL_RESPONSE_STEP,
      extra: {
        ORIGINAL_QUERY: turn.originalQuery ?? '',
        FOLLOW_UP_QUESTIONS: (turn.followUpQuestions ?? []).join(' '),
      },
    },
    turn,
    context,
    llm,
    options,
  );
}
