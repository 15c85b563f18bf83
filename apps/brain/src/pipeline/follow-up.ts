import { type MessageRecord, pendingClarification } from '@coach/core';
import type { LlmClient } from '../llm/client.ts';
import { parseCoachReply } from '../llm/schemas.ts';
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

/**
 * A follow-up turn as it answers the coach: what the turn says it answers (the chat-turn job carries it),
 * else what the coach's last message asked, from its typed clarification (a `/query` caller may send
 * only `is_follow_up_response`).
 */
export function withClarificationAsked(turn: TurnRequest, history: readonly MessageRecord[]): TurnRequest {
  const asked = pendingClarification(history.findLast((message) => !message.is_user));
  return {
    ...turn,
    originalQuery: turn.originalQuery ?? asked?.originalQuery,
    followUpQuestions: turn.followUpQuestions ?? asked?.followUpQuestions,
  };
}
