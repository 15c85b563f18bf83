import { startBackendService, unsetTokenLines } from '@coach/backend';
import { startBrainService } from '@coach/brain';
import { createLogger } from '@coach/runtime';

/**
 * The whole system in one process (the embedded default): Backend and Brain share the database and
 * the queue, and still talk HTTP over loopback, so the same code path runs as in a split deployment.
 */
export async function startAll(env: Record<string, string | undefined> = process.env) {
  const backend = await startBackendService(env);
  const brain = await startBrainService({
    env,
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
