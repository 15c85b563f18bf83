import type { SafetyCategory, SafetyFlag, SafetySeverity } from '@coach/core';
import OpenAI from 'openai';

/**
 * The provider's moderation categories as ours, with the severity a flagged one gets (docs/SAFETY.md,
 * "The provider's moderation"). Intent or instructions to self-harm, and sexual content involving minors,
 * are high: they block a student's message by default, as the built-in screen's high flags do.
 */
const PROVIDER_CATEGORIES: ReadonlyArray<readonly [string, SafetyCategory, SafetySeverity]> = [
  ['self-harm/intent', 'self_harm', 'high'],
  ['self-harm/instructions', 'self_harm', 'high'],
  ['self-harm', 'self_harm', 'medium'],
  ['sexual/minors', 'sexual', 'high'],
  ['sexual', 'sexual', 'medium'],
  ['violence/graphic', 'violence', 'medium'],
  ['violence', 'violence', 'medium'],
  ['harassment/threatening', 'violence', 'medium'],
  ['harassment', 'bullying', 'medium'],
  ['hate', 'bullying', 'medium'],
];

/** A text's flags from the provider; none when it flags nothing, or cannot be asked (the built-in screen still holds). */
export type ProviderModeration = (text: string) => Promise<SafetyFlag[]>;

export const DEFAULT_MODERATION_MODEL = 'omni-moderation-latest';

/** The provider's moderation endpoint through the `openai` SDK, one call a text, failing open. */
export function createProviderModeration(options: {
  apiKey: string;
  /** An OpenAI-compatible endpoint (default: OpenAI's). */
  baseURL?: string | undefined;
  model?: string | undefined;
  timeoutMs?: number | undefined;
  /** Told when the provider could not be asked: the kind of failure, never the text. */
  onError?: ((error: unknown) => void) | undefined;
}): ProviderModeration {
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseURL && { baseURL: options.baseURL }),
    timeout: options.timeoutMs ?? 3_000,
    maxRetries: 1,
  });
  const model = options.model ?? DEFAULT_MODERATION_MODEL;
  return async (text) => {
    try {
      const response = await client.moderations.create({ model, input: text });
      const categories = response.results[0]?.categories as Record<string, boolean | null> | undefined;
      if (!categories) return [];
      return PROVIDER_CATEGORIES.filter(([key]) => categories[key] === true).map(([key, category, severity]) => ({
        category,
        severity,
        rule: `provider.${key}`,
      }));
    } catch (error) {
      options.onError?.(error);
      return [];
    }
  };
}

/**
 * The provider's moderation from the environment: on when a key is there (`SAFETY_MODERATION_API_KEY`, or
 * `OPENAI_API_KEY`) unless `SAFETY_MODERATION=off`; `SAFETY_MODERATION_BASE_URL` and
 * `SAFETY_MODERATION_MODEL` choose the endpoint and model. Undefined: the built-in screen alone.
 */
export function loadProviderModeration(
  env: Record<string, string | undefined>,
  onError?: (error: unknown) => void,
): ProviderModeration | undefined {
  if (env.SAFETY_MODERATION?.trim() === 'off') return undefined;
  const apiKey = env.SAFETY_MODERATION_API_KEY?.trim() || env.OPENAI_API_KEY?.trim();
  if (!apiKey) return undefined;
  return createProviderModeration({
    apiKey,
    baseURL: env.SAFETY_MODERATION_BASE_URL?.trim() || undefined,
    model: env.SAFETY_MODERATION_MODEL?.trim() || undefined,
    onError,
  });
}

/** A moderation failure as a log line may carry it: its kind and status, never the text. */
export function moderationFailure(error: unknown): { kind: string; status?: number } {
  const status = (error as { status?: unknown } | null)?.status;
  return {
    kind: error instanceof Error ? error.name : typeof error,
    ...(typeof status === 'number' && { status }),
  };
}
