export { type Database, migrateDatabase, openDatabase, queueConnection } from '@coach/data';
export { createApp } from './app.ts';
// the shapes of the API's answers, for clients such as the CLI (types only: importing them loads nothing)
export type { LoginResponse } from './auth/schemas.ts';
export { type Config, loadConfig } from './config.ts';
export type { ConversationDto } from './conversations/schemas.ts';
export { readIdleApp } from './inspect.ts';
export type { PostMessageResponse } from './messages/schemas.ts';
export { type RunningBackend, startBackendService, unsetTokenLines } from './server.ts';
export type {
  DryRunAnswer,
  MemoryTaskResponse,
  PersonaForUserResponse,
  PersonaTaskResponse,
} from './tasks/schemas.ts';
