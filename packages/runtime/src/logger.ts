import { pino } from 'pino';

/** Structured logs; tokens and bodies never reach them. */
export function createLogger(level: string, name: string) {
  return pino({
    name,
    level,
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization'], remove: true },
  });
}
