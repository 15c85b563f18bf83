import type { ChatTurnJob } from '@coach/core';
import { LlmCallError } from '../llm/errors.ts';
import { type PipelineDeps, processTurn } from '../pipeline/process-turn.ts';
import type { TurnRequest, TurnResult } from '../pipeline/types.ts';
import { withModelCallScope } from '../usage/scope.ts';
import type { CompleteJob, TurnStore } from './store.ts';

export function turnFromJob(job: ChatTurnJob): TurnRequest {
  return {
    userId: job.user_id,
    conversationId: job.conversation_id,
    messageId: job.message_id,
    timestamp: job.timestamp,
    purpose: job.purpose,
    content: job.message_content,
    isFollowUp: job.is_follow_up_response ?? false,
    originalQuery: job.original_query,
    followUpQuestions: job.follow_up_questions,
  };
}

/**
 * Answers a turn and stores the reply (once per student message) with its pipeline data; `complete`
 * (the queue's job) is completed in the same transaction.
 */
export async function answerTurn(turn: TurnRequest, deps: PipelineDeps, complete?: CompleteJob): Promise<TurnResult> {
  const scope = { userId: turn.userId, conversationId: turn.conversationId, messageId: turn.messageId };
  const result = await withModelCallScope(scope, () => processTurn(turn, deps));
  if (result.final_response.trim() === '') throw new Error('the model gave an empty reply');
  await deliverReply(deps.turns, turn, result, complete);
  return result;
}

export function deliverReply(turns: TurnStore, turn: TurnRequest, result: TurnResult, complete?: CompleteJob) {
  return turns.storeReply(
    {
      userId: turn.userId,
      conversationId: turn.conversationId,
      userMessageId: turn.messageId,
      content: result.final_response,
      // as it would arrive as JSON: what the pipeline left undefined is not stored
      pipelineData: JSON.parse(JSON.stringify(result)),
      needsClarification: result.needs_clarification,
      followUpQuestions: result.follow_up_questions,
      originalQuery: result.original_query,
      promptVersionId: result.prompt_version_id ?? null,
    },
    complete,
  );
}

/** What the student is told when the coach gave up on their message: no internals, a reason. */
export function describeTurnFailure(error: unknown): string {
  if (error instanceof LlmCallError) {
    if (error.kind === 'timeout' || error.kind === 'aborted') return 'the coach took too long to think';
    if (error.kind === 'rate_limited') return 'the coach is very busy right now';
    if (error.kind === 'auth' || error.kind === 'bad_request')
      return 'the coach is not set up correctly; an operator has to fix it';
    return 'the coach could not think of an answer';
  }
  return 'something went wrong while the coach was thinking';
}
