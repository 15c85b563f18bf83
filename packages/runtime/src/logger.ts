import { type DestinationStream, pino } from 'pino';

/** A request as the logs see it: its path without the query string, which can hold names, numbers or tokens. */
function requestForLog(request: { method?: string; url?: string; id?: unknown }) {
  return { method: request.method, path: request.url?.split('?')[0] };
}

/**
 * Structured logs; tokens, bodies and query strings never reach them. `destination`: stdout when
 * absent (tests capture it).
 */
export function createLogger(level: string, name: string, destination?: DestinationStream) {
  return pino(
    {
      name,
      level,
      redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization'], remove: true },
      serializers: { req: requestForLog },
    },
    destination,
  );
}
