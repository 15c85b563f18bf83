import pg from 'pg';
import type { Database } from './database.ts';
import { TURN_SETTLED_CHANNEL } from './turns.ts';

/** How long a lost listening connection waits before it tries again (the 1 s re-look covers the gap). */
const RECONNECT_MS = 1_000;

/**
 * Listens for turns settled by any process on this database (`TURN_SETTLED_CHANNEL`) and wakes this
 * process's students waiting on them: they look again at once instead of at their next 1 s re-look.
 * One connection of its own, outside the pool; after it was lost, every waiter looks again (a
 * notification may have been missed). `close` stops listening.
 */
export async function listenForSettledTurns(database: Database): Promise<{ close(): Promise<void> }> {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: database.connectionString });
    next.on('notification', (message) => {
      const id = Number(message.payload);
      if (Number.isInteger(id)) database.replies.announced(id);
    });
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    await next.connect();
    await next.query(`listen ${TURN_SETTLED_CHANNEL}`);
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
  }

  function lost(which: pg.Client): void {
    if (closed || client !== which) return;
    client = undefined;
    database.replies.settleAll();
    schedule();
  }

  function schedule(): void {
    retry = setTimeout(() => {
      connect().catch(() => {
        if (!closed) schedule();
      });
    }, RECONNECT_MS);
    retry.unref();
  }

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}
