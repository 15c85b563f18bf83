import type { LlmClient } from '../llm/client.ts';
import { parseCoachReply } from '../llm/schemas.ts';
import { runStep } from './step.ts';
import type { TurnContext, TurnRequest } from './types.ts';

/** The student answered the coach's clarification questions: reply to what they first asked. */
export function followUpResponse(
  turn: TurnRequest,
  context: TurnContext,
  llm: LlmClient,
  options: { maxSnippetLength?: number | undefined },
) {
  return runStep(
    {
      name: 'follow_up_response',
      prompt: 'follow_up_response',
      callType: 'follow_up_response',
      parse: parseCoachReply,
      query: turn.content,
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
