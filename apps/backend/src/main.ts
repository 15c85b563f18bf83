import { startBackendService, unsetTokenLines } from './server.ts';

/** The Backend alone (the Brain runs elsewhere, on the same PostgreSQL): `node apps/backend/src/main.ts`. */
const backend = await startBackendService().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
for (const line of unsetTokenLines(backend)) console.log(line);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    backend.logger.info(`${signal}: shutting down`);
    void backend.stop().then(() => process.exit(0));
  });
}
