import { stepSettings } from '@coach/core';
import type { LlmClient } from '../llm/client.ts';
import type { CoachReply } from '../llm/schemas.ts';
import type { TurnStore } from '../turns/store.ts';
import { followUpResponse, withClarificationAsked } from './follow-up.ts';
import { gatherContext } from './gather-context.ts';
import { generateInitialResponse, INITIAL_RESPONSE_STEP } from './initial-response.ts';
import { gatherIntent, INTENT_STEP } from './intent-gathering.ts';
import { KNOWLEDGE_STEP, retrieveKnowledge } from './knowledge-retrieval.ts';
import { ENHANCEMENT_STEP, enhanceForLearning } from './learning-enhancement.ts';
import { simplifiedConversation } from './simplified.ts';
import { skippedStep } from './step.ts';
import type { StepRecord, TurnContext, TurnRequest, TurnResult } from './types.ts';

export interface PipelineDeps {
  /** Where the turn is read and settled: the database (`turns/store.ts`). */
  turns: TurnStore;
  llm: LlmClient;
  maxSnippetLength?: number | undefined;
  /** Aborts the turn's model calls (its deadline, or the queue taking the job back). */
  signal?: AbortSignal | undefined;
}

/** Answers one student message: gather context, run the path the turn calls for, report the result. */
export async function processTurn(turn: TurnRequest, deps: PipelineDeps): Promise<TurnResult> {
  const context = await gatherContext(turn, deps.turns);
  if (turn.isFollowUp) {
    const answering = withClarificationAsked(turn, context.history);
    return replyFromCoach(answering, context, 'follow_up', await followUpResponse(answering, context, deps.llm, deps));
  }
  if (context.flow.use_simplified_mode) {
    return replyFromCoach(turn, context, 'simplified', await simplifiedConversation(turn, context, deps.llm, deps));
  }
  return fullPipeline(turn, context, deps);
}

function replyFromCoach(
  turn: TurnRequest,
  context: TurnContext,
  mode: 'simplified' | 'follow_up',
  step: { record: StepRecord; output: CoachReply },
): TurnResult {
  const reply = step.output;
  return {
    query: turn.content,
    config_used: { ...context.flow, mode },
    steps: [step.record],
    final_response:
      reply.needs_clarification && reply.follow_up_questions.length > 0
        ? [reply.response, ...reply.follow_up_questions].filter((part) => part.trim() !== '').join('\n')
        : reply.response,
    follow_up_questions: reply.follow_up_questions,
    needs_clarification: reply.needs_clarification,
    partial_understanding: '',
    original_query: turn.isFollowUp ? (turn.originalQuery ?? turn.content) : turn.content,
    prompt_version_id: step.record.prompt_version_id ?? null,
  };
}

/** intent → knowledge → initial response → learning enhancement, each as the FlowConfig says. */
async function fullPipeline(turn: TurnRequest, context: TurnContext, deps: PipelineDeps): Promise<TurnResult> {
  const steps: StepRecord[] = [];
  const enabled = (name: string) => stepSettings(context.flow, name).enabled;
  const result = (final: string, extra: Partial<TurnResult>): TurnResult => ({
    query: turn.content,
    config_used: { ...context.flow, mode: 'full' },
    steps,
    final_response: final,
    follow_up_questions: [],
    needs_clarification: false,
    partial_understanding: '',
    original_query: turn.content,
    prompt_version_id: null,
    ...extra,
  });

  let intentCategory = 'educational';
  let intentText = turn.content;
  let partialUnderstanding = '';
  if (enabled(INTENT_STEP)) {
    const intent = await gatherIntent(turn, context, deps.llm, deps);
    steps.push(intent.record);
    partialUnderstanding = intent.output.partial_understanding;
    if (intent.output.needs_clarification && intent.output.follow_up_questions.length > 0) {
      // ask back first; the student's answer comes in as a follow-up turn
      return result(intent.output.follow_up_questions.join('\n'), {
        needs_clarification: true,
        follow_up_questions: intent.output.follow_up_questions,
        partial_understanding: partialUnderstanding,
      });
    }
    intentCategory = intent.output.intent_category;
    intentText = `${intent.output.partial_understanding} (${intent.output.intent_category}; concepts: ${intent.output.key_concepts.join(', ') || 'none named'})`;
  } else {
    steps.push(skippedStep(INTENT_STEP));
  }

  let knowledge = '';
  if (enabled(KNOWLEDGE_STEP)) {
    const retrieved = await retrieveKnowledge(turn, context, deps.llm, intentText, deps);
    steps.push(retrieved.record);
    knowledge = retrieved.output.facts.join(' ');
  } else {
    steps.push(skippedStep(KNOWLEDGE_STEP));
  }

  const initial = await generateInitialResponse(
    turn,
    context,
    deps.llm,
    { intentCategory, intent: intentText, knowledge },
    deps,
  );
  steps.push(initial.record);
  let final = initial.output.response;

  if (enabled(ENHANCEMENT_STEP)) {
    const enhanced = await enhanceForLearning(turn, context, deps.llm, final, deps);
    steps.push(enhanced.record);
    final = enhanced.output.response || final;
  } else {
    steps.push(skippedStep(ENHANCEMENT_STEP));
  }
  return result(final, {
    partial_understanding: partialUnderstanding,
    prompt_version_id: initial.record.prompt_version_id ?? null,
  });
}

export { INITIAL_RESPONSE_STEP };
