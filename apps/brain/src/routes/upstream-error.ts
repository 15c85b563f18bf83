import { HttpError } from '@coach/runtime';
import { BackendError } from '../backend-client.ts';
import { LlmCallError } from '../llm/errors.ts';

/**
 * A model failure is the upstream's fault: 502 with the reason. A Backend 4xx (an unknown conversation,
 * a message of another user, a refused config) is the caller's, and keeps its status.
 */
export function asUpstreamError(error: unknown): unknown {
  if (error instanceof LlmCallError) return new HttpError(502, `The language model failed: ${error.message}`);
  if (error instanceof BackendError) {
    return new HttpError(error.status >= 400 && error.status < 500 ? error.status : 502, error.message);
  }
  return error;
}
