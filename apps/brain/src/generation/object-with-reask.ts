import type { ZodType } from 'zod';
import type { LlmClient, LlmRequest } from '../llm/client.ts';
import { LlmCallError } from '../llm/errors.ts';

/** How often a generator asks for structured output before it reports the output as unusable. */
export const STRUCTURED_ATTEMPTS = 2;

/**
 * Structured output, asked again when the answer does not fit the schema (a model that wrote almost-JSON
 * usually gets it right once told what was wrong). Still unusable after `attempts`: the LlmCallError is
 * thrown, so nothing is saved and the stored memory or persona stays as it was.
 */
export async function objectWithReask<T>(
  llm: LlmClient,
  request: LlmRequest,
  schema: ZodType<T>,
  attempts = STRUCTURED_ATTEMPTS,
): Promise<T> {
  let problem: LlmCallError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await llm.object(problem ? withCorrection(request, problem) : request, schema);
    } catch (error) {
      if (!(error instanceof LlmCallError) || error.kind !== 'invalid_output') throw error;
      problem = error;
    }
  }
  throw problem ?? new Error('no attempt was made');
}

function withCorrection(request: LlmRequest, problem: LlmCallError): LlmRequest {
  return {
    ...request,
    prompt: `${request.prompt}\n\nYour previous answer could not be used (${problem.message}). Answer again with JSON only, exactly in the format asked for.`,
  };
}
