import { createGroq } from '@ai-sdk/groq';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { CallSettings, Env } from './config.ts';
import { LlmConfigError } from './errors.ts';

/** The AI SDK model for one call type. Credentials come from `env`, never from the SDK's own env lookup. */
export function createLanguageModel(call: CallSettings, env: Env): LanguageModel {
  switch (call.provider) {
    case 'openai':
      // the SDK's default for OpenAI: the Responses API (POST {baseURL}/responses)
      return createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: call.baseUrl })(call.model);
    case 'groq':
      return createGroq({ apiKey: env.GROQ_API_KEY, baseURL: call.baseUrl })(call.model);
    case 'openai-compatible':
      if (!call.baseUrl) throw new LlmConfigError(`${call.callType}: openai-compatible needs LLM_BASE_URL or base_url`);
      return createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: call.baseUrl,
        apiKey: env.LLM_API_KEY?.trim() || undefined,
        // Ollama, vLLM, llama.cpp and LM Studio all accept response_format json_schema
        supportsStructuredOutputs: true,
      }).chatModel(call.model);
    case 'offline':
      throw new LlmConfigError(`${call.callType}: the offline model has no AI SDK model`);
  }
}

/**
 * Structured output is sent as a JSON schema in non-strict mode: OpenAI's strict mode rejects schemas
 * with optional properties (UserPersonaData has three). Our zod schema validates the answer instead.
 */
export const STRUCTURED_OUTPUT_OPTIONS = {
  openai: { strictJsonSchema: false },
  groq: { strictJsonSchema: false },
  openaiCompatible: { strictJsonSchema: false },
};
