import createClient from 'openapi-fetch';
import type { components, paths } from './openapi-types.ts';

/** Every route the UI calls, typed from the Backend's OpenAPI description (openapi-types.ts is generated). */
export type ApiPaths = paths;
export type Schemas = components['schemas'];
export type ApiClient = ReturnType<typeof createClient<ApiPaths>>;

/** A refused or failed request, with the Backend's `detail` as the message. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, detail: string) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
  }
}

export interface ClientOptions {
  /** The bearer token to send; none when it returns null. */
  token: () => string | null;
  /** Called on any 401: the token expired or was revoked. */
  onUnauthorized?: () => void;
  baseUrl?: string;
  fetch?: (input: Request) => Promise<Response>;
}

export function createApiClient(options: ClientOptions): ApiClient {
  const client = createClient<ApiPaths>({
    baseUrl: options.baseUrl ?? window.location.origin,
    ...(options.fetch && { fetch: options.fetch }),
  });
  client.use({
    onRequest({ request }) {
      const token = options.token();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) options.onUnauthorized?.();
      return response;
    },
  });
  return client;
}

/** The readable reason a request failed: the Backend's `detail`, or the status. */
export function describeFailure(status: number, body: unknown): string {
  const detail = (body as { detail?: unknown } | null | undefined)?.detail;
  if (typeof detail === 'string' && detail !== '') return detail;
  return `The server answered ${status}.`;
}

/** The data of a successful call; throws ApiError otherwise. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, describeFailure(response.status, error));
  return data as T;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'Could not reach the server. Check your connection and try again.';
  return error instanceof Error ? error.message : String(error);
}
