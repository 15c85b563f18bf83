import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LlmConfigError } from './errors.ts';
import { CALL_TYPES, type CallType } from './schemas.ts';

export type Env = Record<string, string | undefined>;

export const PROVIDERS = ['openai', 'groq', 'openai-compatible', 'offline'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** Used when a call type's provider is chosen from the environment and the config names no model. */
export const DEFAULT_MODELS: Record<ProviderName, string> = {
  openai: 'gpt-4o-mini',
  groq: 'llama-3.3-70b-versatile',
  'openai-compatible': 'llama3.2',
  offline: 'offline-coach',
};

const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const CallSettingsFile = z.strictObject({
  provider: z.enum(PROVIDERS).optional(),
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.int().positive().optional(),
  timeout_ms: z.int().positive().optional(),
  max_retries: z.int().min(0).max(10).optional(),
  base_url: HttpUrl.optional(),
});
export type CallSettingsFile = z.infer<typeof CallSettingsFile>;

/** The file named by LLM_CONFIG. Every key is optional; unknown keys are errors (they are typos). */
export const LlmConfigFile = z.strictObject({
  defaults: CallSettingsFile.optional(),
  simplified_conversation: CallSettingsFile.optional(),
  intent_gathering: CallSettingsFile.optional(),
  knowledge_retrieval: CallSettingsFile.optional(),
  response_generation: CallSettingsFile.optional(),
  learning_enhancement: CallSettingsFile.optional(),
  follow_up_response: CallSettingsFile.optional(),
  memory_generation: CallSettingsFile.optional(),
  user_persona_generation: CallSettingsFile.optional(),
  retry: z
    .strictObject({
      base_delay_ms: z.int().min(0).optional(),
      max_delay_ms: z.int().min(0).optional(),
    })
    .optional(),
  offline: z.strictObject({ latency_ms: z.int().min(0).optional() }).optional(),
  /** USD per million tokens, by model name: what the usage ledger's `cost_usd` is computed from. */
  prices: z
    .record(
      z.string().min(1),
      z.strictObject({
        input_usd_per_million: z.number().min(0),
        output_usd_per_million: z.number().min(0),
      }),
    )
    .optional(),
});
export type LlmConfigFile = z.infer<typeof LlmConfigFile>;

/** What runs when LLM_CONFIG is unset. */
export const DEFAULT_LLM_CONFIG: LlmConfigFile = {
  defaults: { temperature: 0.7, max_tokens: 1024, timeout_ms: 30_000, max_retries: 2 },
  intent_gathering: { temperature: 0.3, max_tokens: 512 },
  knowledge_retrieval: { temperature: 0.3 },
  // generation runs in the background and writes longer JSON: more patience, less creativity
  memory_generation: { temperature: 0.3, timeout_ms: 60_000 },
  user_persona_generation: { temperature: 0.3, timeout_ms: 60_000 },
};

const FALLBACK = { temperature: 0.7, max_tokens: 1024, timeout_ms: 30_000, max_retries: 2 };

/** One call type's settings after the config file and the environment have been applied. */
export interface CallSettings {
  callType: CallType;
  provider: ProviderName;
  model: string;
  temperature: number;
  maxTokens: number;
  timeoutMs: number;
  maxRetries: number;
  /** Overrides the provider's endpoint (for openai-compatible: LLM_BASE_URL unless set here). */
  baseUrl: string | undefined;
  /** Why this provider, for the start-up log. */
  reason: string;
}

/** A model's price in USD per million tokens, for the usage ledger. */
export interface ModelPrice {
  inputUsdPerMillion: number;
  outputUsdPerMillion: number;
}

export interface LlmSettings {
  calls: Record<CallType, CallSettings>;
  retry: { baseDelayMs: number; maxDelayMs: number };
  offlineLatencyMs: number;
  /** By model name; a model missing here has an unknown cost. */
  prices: Record<string, ModelPrice>;
}

/** Reads and validates the file named by LLM_CONFIG, or returns the built-in config. */
export function loadLlmConfig(env: Env): LlmConfigFile {
  const path = value(env, 'LLM_CONFIG');
  if (!path) return DEFAULT_LLM_CONFIG;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LlmConfigError(`LLM_CONFIG=${path}: cannot read the file (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LlmConfigError(`LLM_CONFIG=${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseLlmConfig(json, `LLM_CONFIG=${path}`);
}

export function parseLlmConfig(json: unknown, source = 'LLM config'): LlmConfigFile {
  const parsed = LlmConfigFile.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.join('.');
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  throw new LlmConfigError(`${source} is invalid: ${problems.join('; ')}`);
}

/** The provider used by every call type the config does not pin to one, and why. */
export function chooseProvider(env: Env): { provider: ProviderName; reason: string } {
  if (value(env, 'LLM_BASE_URL')) return { provider: 'openai-compatible', reason: 'LLM_BASE_URL set' };
  if (value(env, 'OPENAI_API_KEY')) return { provider: 'openai', reason: 'OPENAI_API_KEY set' };
  if (value(env, 'GROQ_API_KEY')) return { provider: 'groq', reason: 'GROQ_API_KEY set' };
  return { provider: 'offline', reason: 'no OPENAI_API_KEY, GROQ_API_KEY or LLM_BASE_URL set' };
}

/** Applies defaults and the environment; throws LlmConfigError for anything the Brain cannot run with. */
export function resolveLlmSettings(config: LlmConfigFile, env: Env): LlmSettings {
  const auto = chooseProvider(env);
  const llmBaseUrl = value(env, 'LLM_BASE_URL');
  if (llmBaseUrl && !HttpUrl.safeParse(llmBaseUrl).success) {
    throw new LlmConfigError(`LLM_BASE_URL is not an http(s) URL: ${llmBaseUrl}`);
  }
  const calls = {} as Record<CallType, CallSettings>;
  for (const callType of CALL_TYPES) {
    const entry = { ...FALLBACK, ...config.defaults, ...config[callType] };
    const provider = entry.provider ?? auto.provider;
    const reason = entry.provider ? 'set in the LLM config' : auto.reason;
    const baseUrl = entry.base_url ?? (provider === 'openai-compatible' ? llmBaseUrl : undefined);
    requireCredentials(callType, provider, baseUrl, env);
    calls[callType] = {
      callType,
      provider,
      model: entry.model ?? DEFAULT_MODELS[provider],
      temperature: entry.temperature,
      maxTokens: entry.max_tokens,
      timeoutMs: entry.timeout_ms,
      maxRetries: entry.max_retries,
      baseUrl,
      reason,
    };
  }
  return {
    calls,
    retry: {
      baseDelayMs: config.retry?.base_delay_ms ?? 500,
      maxDelayMs: config.retry?.max_delay_ms ?? 8_000,
    },
    offlineLatencyMs: offlineLatency(config, env),
    prices: Object.fromEntries(
      Object.entries(config.prices ?? {}).map(([model, price]) => [
        model,
        { inputUsdPerMillion: price.input_usd_per_million, outputUsdPerMillion: price.output_usd_per_million },
      ]),
    ),
  };
}

/** `loadLlmConfig` then `resolveLlmSettings`: what the Brain calls at start-up. */
export function loadLlmSettings(env: Env): LlmSettings {
  return resolveLlmSettings(loadLlmConfig(env), env);
}

/**
 * The LLM choice in one line for the start-up log, e.g.
 * "LLM: offline model (no OPENAI_API_KEY, GROQ_API_KEY or LLM_BASE_URL set)".
 */
export function describeLlmChoice(settings: LlmSettings): string {
  const groups = new Map<string, CallType[]>();
  for (const call of Object.values(settings.calls)) {
    const label = describeCall(call, settings.offlineLatencyMs);
    groups.set(label, [...(groups.get(label) ?? []), call.callType]);
  }
  if (groups.size === 1) return `LLM: ${[...groups.keys()][0]}`;
  const parts = [...groups].map(([label, callTypes]) => `${label} for ${callTypes.join(', ')}`);
  return `LLM: ${parts.join('; ')}`;
}

function describeCall(call: CallSettings, offlineLatencyMs: number): string {
  if (call.provider === 'offline') {
    const latency = offlineLatencyMs > 0 ? ` with ${offlineLatencyMs} ms latency` : '';
    return `offline model${latency} (${call.reason})`;
  }
  const at = call.baseUrl ? ` at ${call.baseUrl}` : '';
  return `${call.provider} ${call.model}${at} (${call.reason})`;
}

function requireCredentials(callType: CallType, provider: ProviderName, baseUrl: string | undefined, env: Env) {
  const missing = missingCredential(provider, baseUrl, env);
  if (missing) throw new LlmConfigError(`LLM config: ${callType}.provider is "${provider}" but ${missing}`);
}

function missingCredential(provider: ProviderName, baseUrl: string | undefined, env: Env): string | undefined {
  if (provider === 'openai' && !value(env, 'OPENAI_API_KEY')) return 'OPENAI_API_KEY is not set';
  if (provider === 'groq' && !value(env, 'GROQ_API_KEY')) return 'GROQ_API_KEY is not set';
  if (provider === 'openai-compatible' && !baseUrl) return 'neither LLM_BASE_URL nor base_url is set';
  return undefined;
}

function offlineLatency(config: LlmConfigFile, env: Env): number {
  const raw = value(env, 'OFFLINE_LLM_LATENCY_MS');
  if (raw === undefined) return config.offline?.latency_ms ?? 0;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) {
    throw new LlmConfigError(`OFFLINE_LLM_LATENCY_MS must be a whole number of milliseconds >= 0, got "${raw}"`);
  }
  return ms;
}

/** An environment variable, with the empty string treated as unset. */
function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}
