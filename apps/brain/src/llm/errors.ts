import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  NoContentGeneratedError,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  TypeValidationError,
} from 'ai';
import type { CallType } from './schemas.ts';

/** The LLM config file or environment cannot be used; the Brain must not start with it. */
export class LlmConfigError extends Error {
  override readonly name = 'LlmConfigError';
}

/**
 * Why an LLM call failed. `timeout`, `rate_limited`, `server` and `network` are transient: they are
 * retried with backoff. The others are not: asking again would fail the same way.
 */
export type LlmFailureKind =
  | 'timeout'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'auth'
  | 'bad_request'
  | 'invalid_output'
  | 'aborted'
  | 'unknown';

const TRANSIENT: ReadonlySet<LlmFailureKind> = new Set(['timeout', 'rate_limited', 'server', 'network']);

export interface LlmCallErrorDetails {
  kind: LlmFailureKind;
  callType: CallType;
  provider: string;
  model: string;
  status?: number | undefined;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/** One LLM call failed for good (after any retries); `attempts` says how many requests were made. */
export class LlmCallError extends Error {
  override readonly name = 'LlmCallError';
  readonly kind: LlmFailureKind;
  readonly callType: CallType;
  readonly provider: string;
  readonly model: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  attempts = 1;

  constructor(message: string, details: LlmCallErrorDetails) {
    super(message, { cause: details.cause });
    this.kind = details.kind;
    this.callType = details.callType;
    this.provider = details.provider;
    this.model = details.model;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }

  get transient(): boolean {
    return TRANSIENT.has(this.kind);
  }
}

export interface FailureContext {
  callType: CallType;
  provider: string;
  model: string;
  /** This attempt's own timer fired. */
  timedOut: boolean;
  /** The caller's signal fired. */
  aborted: boolean;
  timeoutMs: number;
}

/** Turns whatever the AI SDK (or the offline model) threw into an LlmCallError with a kind. */
export function classifyLlmFailure(error: unknown, context: FailureContext): LlmCallError {
  if (error instanceof LlmCallError) return error;
  const where = `${context.callType} (${context.provider} ${context.model})`;
  const base = { callType: context.callType, provider: context.provider, model: context.model, cause: error };

  // the caller's abort wins over our own timer: nobody is waiting for a retry any more
  if (context.aborted) return new LlmCallError(`${where}: aborted by the caller`, { ...base, kind: 'aborted' });
  if (context.timedOut) {
    return new LlmCallError(`${where}: no answer within ${context.timeoutMs} ms`, { ...base, kind: 'timeout' });
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const detail = `${where}: ${status ? `HTTP ${status}: ` : ''}${error.message}`;
    if (status === undefined) {
      return new LlmCallError(detail, { ...base, kind: error.isRetryable ? 'network' : 'unknown' });
    }
    if (status === 429) {
      return new LlmCallError(detail, {
        ...base,
        kind: 'rate_limited',
        status,
        retryAfterMs: retryAfterMs(error.responseHeaders),
      });
    }
    if (status === 408 || status >= 500) return new LlmCallError(detail, { ...base, kind: 'server', status });
    if (status === 401 || status === 403) return new LlmCallError(detail, { ...base, kind: 'auth', status });
    if (status >= 400) return new LlmCallError(detail, { ...base, kind: 'bad_request', status });
    // a 2xx whose connection dropped while the body arrived: the SDK marks it retryable, and it is the network's fault
    if (error.isRetryable) return new LlmCallError(detail, { ...base, kind: 'network', status });
    // a 2xx whose body the SDK could not read: the server answered, but not in a shape we can use
    return new LlmCallError(detail, { ...base, kind: 'invalid_output', status });
  }
  if (isUnusableOutput(error)) {
    return new LlmCallError(`${where}: the model's output is unusable: ${describe(error)}`, {
      ...base,
      kind: 'invalid_output',
    });
  }
  return new LlmCallError(`${where}: ${describe(error)}`, { ...base, kind: 'unknown' });
}

function isUnusableOutput(error: unknown): boolean {
  return (
    NoObjectGeneratedError.isInstance(error) ||
    NoOutputGeneratedError.isInstance(error) ||
    NoContentGeneratedError.isInstance(error) ||
    TypeValidationError.isInstance(error) ||
    JSONParseError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error) ||
    EmptyResponseBodyError.isInstance(error)
  );
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message.split('\n')[0]})` : '';
  return `${error.message.split('\n')[0]}${cause}`;
}

/** `Retry-After` in seconds or as an HTTP date, or `retry-after-ms`, as milliseconds. */
function retryAfterMs(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers['retry-after-ms'] ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers['retry-after'];
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
