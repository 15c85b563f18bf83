import type { ChatTurnJob } from '@coach/core';
import type { BackendClient } from '../backend-client.ts';
import { LlmCallError } from '../llm/errors.ts';
import { type PipelineDeps, processTurn } from '../pipeline/process-turn.ts';
import type { TurnRequest, TurnResult } from '../pipeline/types.ts';
import { withModelCallScope } from '../usage/scope.ts';

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

/** Answers a turn and hands the reply to the Backend (idempotent there per user message). */
export async function answerTurn(turn: TurnRequest, deps: PipelineDeps): Promise<TurnResult> {
  const scope = { userId: turn.userId, conversationId: turn.conversationId, messageId: turn.messageId };
  const result = await withModelCallScope(scope, () => processTurn(turn, deps));
  if (result.final_response.trim() === '') throw new Error('the model gave an empty reply');
  await deliverReply(deps.backend, turn, result);
  return result;
}

export function deliverReply(backend: BackendClient, turn: TurnRequest, result: TurnResult) {
  return backend.postBrainResponse({
    user_id: turn.userId,
    conversation_id: turn.conversationId,
    original_message_id: turn.messageId,
    llm_response: result.final_response,
    pipeline_data: { ...result },
    needs_clarification: result.needs_clarification,
    follow_up_questions: result.follow_up_questions,
    original_query: result.original_query,
    prompt_version_id: result.prompt_version_id,
  });
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
