import { generateText, type LanguageModel, type LanguageModelUsage, NoObjectGeneratedError, Output } from 'ai';
import type { Logger } from 'pino';
import { type ZodType, z } from 'zod';
import { callCostUsd } from '../usage/cost.ts';
import type { ModelCallRecorder } from '../usage/recorder.ts';
import { currentModelCallScope } from '../usage/scope.ts';
import { estimateTokens } from '../usage/token-estimate.ts';
import type { CallSettings, Env, LlmSettings, ProviderName } from './config.ts';
import { classifyLlmFailure, LlmCallError, LlmConfigError } from './errors.ts';
import { runOffline } from './offline.ts';
import { createLanguageModel, STRUCTURED_OUTPUT_OPTIONS } from './providers.ts';
import { withRetries } from './retry.ts';
import type { CallType } from './schemas.ts';
import { modelOutputSchema } from './structured-output.ts';

export type { CallType };

export interface LlmRequest {
  callType: CallType;
  /** The rendered prompt: the user message the model sees. */
  prompt: string;
  /** System instructions, when the prompt has a separate system part. */
  system?: string | undefined;
  /** The student's latest words; the offline model builds its reply from them, real models ignore it. */
  query?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface LlmText {
  text: string;
  provider: ProviderName;
  model: string;
  /** How many requests it took (1 when the first one succeeded). */
  attempts: number;
}

export interface LlmClient {
  /** Free text (for chat call types: the JSON reply the prompt asks for; read it with `parseCoachReply`). */
  text(request: LlmRequest): Promise<LlmText>;
  /** Structured output: the model is given the schema as JSON schema and its answer must validate. */
  object<T>(request: LlmRequest, schema: ZodType<T>): Promise<T>;
}

export interface LlmClientOptions {
  settings: LlmSettings;
  env: Env;
  logger?: Pick<Logger, 'warn'> | undefined;
  /** Gets one ledger entry per attempt (docs/api/usage.md); none when absent (MODEL_USAGE_LEDGER=off). */
  recorder?: ModelCallRecorder | undefined;
  /** For tests: the jitter source. */
  random?: () => number;
}

interface Tokens {
  input: number;
  output: number;
}

/** What one attempt is measured by: when it started, and the tokens once the model has answered. */
interface Meter {
  startedAt: Date;
  started: number;
  tokens?: Tokens | undefined;
}

/** The provider's figures; a figure it does not report counts as 0 (a cost is never guessed from it). */
function providerTokens(usage: LanguageModelUsage | undefined): Tokens | undefined {
  return usage ? { input: usage.inputTokens ?? 0, output: usage.outputTokens ?? 0 } : undefined;
}

/**
 * The Brain's one way to call a model. Each attempt gets the call type's timeout; transient failures are
 * retried here with backoff, and nowhere else (the SDK's own retries are off: `maxRetries: 0`).
 */
export function createLlmClient(options: LlmClientOptions): LlmClient {
  const { settings, env, logger, random, recorder } = options;
  const models = new Map<CallType, LanguageModel>();

  const startMeter = (): Meter => ({ startedAt: new Date(), started: performance.now() });

  /** One ledger entry for one attempt: it never waits for the Backend, and it holds no words. */
  function record(call: CallSettings, meter: Meter, failure?: LlmCallError) {
    const scope = currentModelCallScope();
    const tokens = meter.tokens ?? { input: 0, output: 0 };
    scope.budget?.spend(tokens.input, tokens.output);
    if (!recorder) return;
    recorder.record({
      started_at: meter.startedAt.toISOString(),
      call_type: call.callType,
      provider: call.provider,
      model: call.model,
      input_tokens: tokens.input,
      output_tokens: tokens.output,
      latency_ms: Math.round(performance.now() - meter.started),
      outcome: failure ? 'failed' : 'ok',
      failure_kind: failure ? failure.kind : null,
      cost_usd: callCostUsd(call.provider, call.model, settings.prices, tokens.input, tokens.output),
      user_id: scope.userId ?? null,
      conversation_id: scope.conversationId ?? null,
      message_id: scope.messageId ?? null,
      job_id: scope.jobId ?? null,
    });
  }

  function settingsFor(callType: CallType): CallSettings {
    const call = settings.calls[callType];
    if (!call) throw new LlmConfigError(`unknown LLM call type "${callType}"`);
    return call;
  }

  function modelFor(call: CallSettings): LanguageModel {
    let model = models.get(call.callType);
    if (!model) {
      model = createLanguageModel(call, env);
      models.set(call.callType, model);
    }
    return model;
  }

  async function withPolicy<T>(
    call: CallSettings,
    request: LlmRequest,
    run: (signal: AbortSignal, meter: Meter) => Promise<T>,
  ) {
    let attempts = 0;
    const value = await withRetries(
      async () => {
        // a job's budget is counted per attempt, as the ledger counts calls (a refused one was never made)
        currentModelCallScope().budget?.admit();
        attempts++;
        const meter = startMeter();
        const timer = AbortSignal.timeout(call.timeoutMs);
        const signal = request.signal ? AbortSignal.any([request.signal, timer]) : timer;
        try {
          const value = await run(signal, meter);
          record(call, meter);
          return value;
        } catch (error) {
          const failure = classifyLlmFailure(error, {
            callType: call.callType,
            provider: call.provider,
            model: call.model,
            timedOut: timer.aborted,
            aborted: request.signal?.aborted ?? false,
            timeoutMs: call.timeoutMs,
          });
          // an answer that did not fit the schema was still generated, and billed
          meter.tokens ??= NoObjectGeneratedError.isInstance(error) ? providerTokens(error.usage) : undefined;
          record(call, meter, failure);
          throw failure;
        }
      },
      { maxRetries: call.maxRetries, ...settings.retry },
      {
        signal: request.signal,
        ...(random ? { random } : {}),
        onRetry: (error, delayMs) =>
          logger?.warn(
            { callType: call.callType, provider: call.provider, kind: error.kind, status: error.status, delayMs },
            `LLM call failed, retrying: ${error.message}`,
          ),
      },
    );
    return { value, attempts };
  }

  function invalidOutput(call: CallSettings, message: string): LlmCallError {
    return new LlmCallError(`${call.callType} (${call.provider} ${call.model}): ${message}`, {
      kind: 'invalid_output',
      callType: call.callType,
      provider: call.provider,
      model: call.model,
    });
  }

  /**
   * The offline model's answer, passed through `accept` (which may refuse it), recorded with its tokens
   * estimated from the prompt and the answer's JSON.
   */
  async function offline<T>(call: CallSettings, request: LlmRequest, accept: (output: unknown) => T): Promise<T> {
    currentModelCallScope().budget?.admit();
    const meter = startMeter();
    const context = { ...call, timedOut: false, aborted: false, timeoutMs: call.timeoutMs };
    try {
      const output = await runOffline(call.callType, request, settings.offlineLatencyMs, request.signal).catch(
        // only the artificial latency can fail, and only by being aborted
        (error: unknown) => {
          throw classifyLlmFailure(error, { ...context, aborted: true });
        },
      );
      // as a provider's: an answer counts its prompt and itself, an aborted call nothing
      meter.tokens = {
        input: estimateTokens(`${request.system ?? ''}${request.prompt}`),
        output: estimateTokens(JSON.stringify(output)),
      };
      const accepted = accept(output);
      record(call, meter);
      return accepted;
    } catch (error) {
      record(call, meter, classifyLlmFailure(error, context));
      throw error;
    }
  }

  return {
    async text(request) {
      const call = settingsFor(request.callType);
      if (call.provider === 'offline') {
        const text = await offline(call, request, (output) => JSON.stringify(output));
        return { text, provider: 'offline', model: call.model, attempts: 1 };
      }
      const { value, attempts } = await withPolicy(call, request, async (signal, meter) => {
        const result = await generateText({
          model: modelFor(call),
          instructions: request.system,
          prompt: request.prompt,
          temperature: call.temperature,
          maxOutputTokens: call.maxTokens,
          maxRetries: 0,
          abortSignal: signal,
        });
        meter.tokens = providerTokens(result.usage);
        if (!result.text.trim()) throw invalidOutput(call, 'the model returned an empty reply');
        return result.text;
      });
      return { text: value, provider: call.provider, model: call.model, attempts };
    },

    async object<T>(request: LlmRequest, schema: ZodType<T>): Promise<T> {
      const call = settingsFor(request.callType);
      if (call.provider === 'offline') {
        return offline(call, request, (output) => {
          const parsed = schema.safeParse(output);
          if (!parsed.success)
            throw invalidOutput(call, `output does not fit the schema: ${z.prettifyError(parsed.error)}`);
          return parsed.data;
        });
      }
      const { value } = await withPolicy(call, request, async (signal, meter) => {
        const result = await generateText({
          model: modelFor(call),
          instructions: request.system,
          prompt: request.prompt,
          temperature: call.temperature,
          maxOutputTokens: call.maxTokens,
          maxRetries: 0,
          abortSignal: signal,
          output: Output.object({ schema: modelOutputSchema(schema), name: call.callType }),
          providerOptions: STRUCTURED_OUTPUT_OPTIONS,
        });
        meter.tokens = providerTokens(result.usage);
        return result.output;
      });
      return value;
    },
  };
}
