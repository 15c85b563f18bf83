import { renderTemplate, settingsStepOf, stepSettings, turnTemplateVariables } from '@coach/core';
import type { CallType, LlmClient } from '../llm/client.ts';
import type { PromptName } from '../prompts/builtin.ts';
import type { StepRecord, TurnContext, TurnRequest } from './types.ts';

export interface StepSpec<T> {
  /** The step's name in FlowConfig and in the pipeline data. */
  name: string;
  prompt: PromptName;
  callType: CallType;
  /** Parses the model's text into the step's output. */
  parse: (text: string) => T;
  /** Step-specific `{{NAME}}` values (e.g. INTENT, KNOWLEDGE). */
  extra?: Record<string, string>;
  /** The text the student's words are answered from (the query, or a follow-up's answer). */
  query: string;
}

export interface StepOptions {
  maxSnippetLength?: number | undefined;
  /** Aborts the step's model call: the turn's deadline passed, or the queue took the job back. */
  signal?: AbortSignal | undefined;
}

export interface StepOutcome<T> {
  record: StepRecord;
  output: T;
}

/**
 * Renders a step's prompt (every placeholder, persona and memory included, in one pass), asks the
 * model, parses the answer, and records prompt and result for the pipeline data.
 */
export async function runStep<T>(
  spec: StepSpec<T>,
  turn: TurnRequest,
  context: TurnContext,
  llm: LlmClient,
  options: StepOptions,
): Promise<StepOutcome<T>> {
  const settings = stepSettings(context.flow, settingsStepOf(spec.prompt, context.flow));
  const choice = context.prompts[spec.prompt];
  const prompt = renderTemplate(
    choice.text,
    turnTemplateVariables({
      query: spec.query,
      history: context.history,
      useConversationHistory: settings.use_conversation_history,
      persona: context.persona,
      memory: context.memory,
      extra: spec.extra,
    }),
    options.maxSnippetLength === undefined ? {} : { maxSnippetLength: options.maxSnippetLength },
  );
  const started = performance.now();
  const answer = await llm.text({ callType: spec.callType, prompt, query: turn.content, signal: options.signal });
  const output = spec.parse(answer.text);
  return {
    output,
    record: {
      name: spec.name,
      enabled: true,
      prompt,
      result: output,
      prompt_name: spec.prompt,
      prompt_version_id: choice.versionId,
      use_conversation_history: settings.use_conversation_history,
      model: `${answer.provider}:${answer.model}`,
      attempts: answer.attempts,
      duration_ms: Math.round(performance.now() - started),
    },
  };
}

/** The record of a step the FlowConfig switched off. */
export function skippedStep(name: string): StepRecord {
  return { name, enabled: false, prompt: null, result: null };
}
