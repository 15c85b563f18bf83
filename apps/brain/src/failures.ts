import { HttpError } from '@coach/runtime';
import { BackendError } from './backend-client.ts';
import { LlmCallError } from './llm/errors.ts';

/**
 * Whether another attempt could succeed: model hiccups, lost connections and a Backend or database that
 * is busy or restarting, not bad requests (a refused write of a turn included) or output that never fits
 * the schema. Chat turns and generation jobs
 * both retry (through pg-boss) only on these.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof LlmCallError) return error.transient;
  if (error instanceof BackendError) return error.status >= 500 || error.status === 429;
  if (error instanceof HttpError) return error.statusCode >= 500 || error.statusCode === 429;
  return true;
}

/** Why something failed, in one line for the operator. */
export function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
