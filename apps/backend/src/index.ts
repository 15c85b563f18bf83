export { createApp } from './app.ts';
export { type Config, loadConfig } from './config.ts';
export { type Database, migrateDatabase, openDatabase, queueConnection } from './db/database.ts';
export { type RunningBackend, startBackendService, unsetTokenLines } from './service.ts';
