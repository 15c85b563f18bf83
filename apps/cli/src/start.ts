import { startBackendService, unsetTokenLines } from '@coach/backend';
import { startBrainService } from '@coach/brain';
import { createLogger } from '@coach/runtime';

/**
 * The whole system in one process (the embedded default): Backend and Brain share the open database
 * (the Brain reads and stores chat turns in it directly, and hands a stored reply to the waiting poll)
 * and the queue; memory and persona generation still report to the Backend over loopback HTTP.
 */
export async function startAll(env: Record<string, string | undefined> = process.env) {
  const backend = await startBackendService(env);
  const brain = await startBrainService({
    env,
    database: backend.database,
    queue: backend.queue,
    tokens: backend.secrets,
    // a logger of its own, not a child: a child's `name` would be a second `name` key on every line
    logger: createLogger(backend.config.logLevel, 'brain'),
    config: { backendUrl: `http://127.0.0.1:${backend.config.port}` },
  });
  console.log(
    [
      `Curiosity Coach is running: ${backend.url} (API docs: ${backend.url}/docs, Brain: ${brain.url})`,
      ...unsetTokenLines(backend),
    ].join('\n'),
  );
  return {
    backend,
    brain,
    async stop() {
      await brain.stop();
      await backend.stop();
    },
  };
}
