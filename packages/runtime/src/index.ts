export * from './crypto.ts';
export * from './http-app.ts';
export * from './http-errors.ts';
export * from './json-input.ts';
export * from './logger.ts';
export * from './pg-errors.ts';
export * from './queue.ts';
export * from './secrets.ts';
