import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The browser tests run against the UI as built from the current sources, never a stale dist/. */
export default async function buildWebUi(): Promise<void> {
  // Vitest sets NODE_ENV=test, which would give a development build of React; build what `npm ci` builds
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
