import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable, isUnstorableText, missingReferenceDetail } from './pg-errors.ts';

/** The one wording for text holding U+0000 (PostgreSQL can store it in no column), whichever layer finds it. */
export const NUL_IN_TEXT = 'Text must not contain the NUL character (U+0000).';

/** Errors a service throws; the one handler below turns each into a status and a `detail`. */
export class HttpError extends Error {
  readonly statusCode: number;
  /** Fields the answer carries beside `detail`, e.g. a refused prompt text's `problems`. */
  readonly fields: Readonly<Record<string, unknown>>;
  constructor(statusCode: number, detail: string, fields: Readonly<Record<string, unknown>> = {}) {
    super(detail);
    this.statusCode = statusCode;
    this.fields = fields;
  }
}
export class NotFound extends HttpError {
  constructor(detail: string) {
    super(404, detail);
  }
}
export class Invalid extends HttpError {
  constructor(detail: string, fields: Readonly<Record<string, unknown>> = {}) {
    super(422, detail, fields);
  }
}
export class BadRequest extends HttpError {
  constructor(detail: string) {
    super(400, detail);
  }
}
export class Conflict extends HttpError {
  constructor(detail: string) {
    super(409, detail);
  }
}
export class Unauthorized extends HttpError {
  constructor(detail: string) {
    super(401, detail);
  }
}
export class Forbidden extends HttpError {
  constructor(detail: string) {
    super(403, detail);
  }
}

interface FieldError {
  loc: string;
  msg: string;
}

function describeValidation(error: FastifyError): FieldError[] {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    return error.validation.map((issue) => {
      const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return { loc: field ? `${where}.${field}` : where, msg: issue.message ?? 'is invalid' };
    });
  }
  return [{ loc: error.validationContext ?? 'request', msg: error.message }];
}

// Fastify's own client errors, reworded for people reading the detail
const FASTIFY_CLIENT_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'The request body is empty but its content type says JSON.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Send the request body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'The Content-Length header does not match the body.'],
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send({ ...error.fields, detail: error.message });
    }
    if (error.validation) {
      const errors = describeValidation(error);
      const detail = errors.map((e) => `${e.loc}: ${e.msg}`).join('; ');
      return reply.status(422).send({ detail, errors });
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (known) return reply.status(known[0]).send({ detail: known[1] });
    if (error.statusCode === 429) {
      // @fastify/rate-limit throws what the app's errorResponseBuilder built: a plain `{statusCode, detail}`
      const built = (error as { detail?: unknown }).detail;
      const detail = typeof built === 'string' ? built : error.message || 'Too many requests. Please slow down.';
      return reply.status(429).send({ detail });
    }
    // only a caller's text reaches these columns, so this is bad input, not our failure
    if (isUnstorableText(error)) {
      return reply.status(422).send({ detail: NUL_IN_TEXT });
    }
    // a body naming a parent row that does not exist (the foreign key says so): mapped here, once
    const missing = missingReferenceDetail(error);
    if (missing) return reply.status(404).send({ detail: missing });
    // a database restart is not a bug: say so, and that trying again will work
    if (isDatabaseUnavailable(error)) {
      reply.header('retry-after', '5');
      return reply.status(503).send({ detail: 'The database is not reachable right now. Please try again shortly.' });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ detail: error.message });
    }
    request.log.error({ err: errorForLog(error) }, 'unhandled error');
    return reply.status(500).send({ detail: 'Something went wrong on our side. Please try again.' });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ detail: `No route for ${request.method} ${request.url.split('?')[0]}.` });
  });
}

/**
 * An error as the logs may see it. A failed query's message and stack carry the query's parameters
 * (a student's message, name or phone number) and the driver's `detail` repeats values: neither goes
 * into a log. What is left says what failed and where.
 */
export function errorForLog(error: Error): Error {
  const withoutParams = (text: string) => text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, '\nparams: [not logged]');
  const safe = new Error(withoutParams(error.message));
  safe.name = error.name;
  safe.stack = error.stack === undefined ? undefined : withoutParams(error.stack);
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? Object.assign(safe, { code }) : safe;
}

// Fastify's own answers for a URL it cannot route, reworded with a `detail` like every other answer
const FRAMEWORK_ERRORS: Record<string, [number, string]> = {
  FST_ERR_BAD_URL: [400, 'The URL is not valid: part of it is not correctly percent-encoded.'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'Part of the URL is too long.'],
};

function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const [status, detail] = FRAMEWORK_ERRORS[error.code] ?? [error.statusCode ?? 400, 'The request cannot be routed.'];
  reply.status(status).send({ detail });
}

// what the HTTP parser refuses before Fastify sees a request (Fastify's default answer has no `detail`)
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request line or headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request took too long to arrive.'],
};

function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, detail] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'Bad Request',
    'The request is not valid HTTP.',
  ];
  const body = JSON.stringify({ detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** Options for `Fastify(…)`: errors met before a route runs get a JSON `detail` too. */
export const errorAnswerOptions = { frameworkErrors, clientErrorHandler };
