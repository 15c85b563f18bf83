import { generateText, type LanguageModel, Output } from 'ai';
import type { Logger } from 'pino';
import { type ZodType, z } from 'zod';
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
  /** For tests: the jitter source. */
  random?: () => number;
}

/**
 * The Brain's one way to call a model. Each attempt gets the call type's timeout; transient failures are
 * retried here with backoff, and nowhere else (the SDK's own retries are off: `maxRetries: 0`).
 */
export function createLlmClient(options: LlmClientOptions): LlmClient {
  const { settings, env, logger, random } = options;
  const models = new Map<CallType, LanguageModel>();

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

  async function withPolicy<T>(call: CallSettings, request: LlmRequest, run: (signal: AbortSignal) => Promise<T>) {
    let attempts = 0;
    const value = await withRetries(
      async () => {
        attempts++;
        const timer = AbortSignal.timeout(call.timeoutMs);
        const signal = request.signal ? AbortSignal.any([request.signal, timer]) : timer;
        try {
          return await run(signal);
        } catch (error) {
          throw classifyLlmFailure(error, {
            callType: call.callType,
            provider: call.provider,
            model: call.model,
            timedOut: timer.aborted,
            aborted: request.signal?.aborted ?? false,
            timeoutMs: call.timeoutMs,
          });
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

  async function offline(call: CallSettings, request: LlmRequest) {
    try {
      return await runOffline(call.callType, request, settings.offlineLatencyMs, request.signal);
    } catch (error) {
      // only the artificial latency can fail, and only by being aborted
      throw classifyLlmFailure(error, { ...call, timedOut: false, aborted: true, timeoutMs: call.timeoutMs });
    }
  }

  return {
    async text(request) {
      const call = settingsFor(request.callType);
      if (call.provider === 'offline') {
        const output = await offline(call, request);
        return { text: JSON.stringify(output), provider: 'offline', model: call.model, attempts: 1 };
      }
      const { value, attempts } = await withPolicy(call, request, async (signal) => {
        const result = await generateText({
          model: modelFor(call),
          instructions: request.system,
          prompt: request.prompt,
          temperature: call.temperature,
          maxOutputTokens: call.maxTokens,
          maxRetries: 0,
          abortSignal: signal,
        });
        if (!result.text.trim()) throw invalidOutput(call, 'the model returned an empty reply');
        return result.text;
      });
      return { text: value, provider: call.provider, model: call.model, attempts };
    },

    async object<T>(request: LlmRequest, schema: ZodType<T>): Promise<T> {
      const call = settingsFor(request.callType);
      if (call.provider === 'offline') {
        const parsed = schema.safeParse(await offline(call, request));
        if (!parsed.success)
          throw invalidOutput(call, `output does not fit the schema: ${z.prettifyError(parsed.error)}`);
        return parsed.data;
      }
      const { value } = await withPolicy(call, request, async (signal) => {
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
        return result.output;
      });
      return value;
    },
  };
}
