#!/usr/bin/env node
import { Command } from 'commander';
import { startAll } from './start.ts';

const program = new Command()
  .name('coach')
  .description('Curiosity Coach: run the system and operate it from the command line.');

program
  .command('start')
  .description('run Backend and Brain in one process (embedded PGlite unless DATABASE_URL is set)')
  .action(async () => {
    const system = await startAll();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void system.stop().then(() => process.exit(0));
      });
    }
  });

program.parseAsync().catch((error: unknown) => {
  console.error(`coach: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
