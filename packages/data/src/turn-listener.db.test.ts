import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../apps/backend/test/database.ts';
import type { Database } from './database.ts';
import { openDatabase } from './database.ts';
import { listenForSettledTurns } from './turn-listener.ts';
import { TURN_SETTLED_CHANNEL } from './turns.ts';

// Two processes on one database: this one holds a student's poll, the other stores the reply.
let here: Database;
let elsewhere: Database;
let listening: { close(): Promise<void> };
beforeAll(async () => {
  here = await freshDatabase();
  elsewhere = openDatabase({ databaseUrl: here.connectionString });
  listening = await listenForSettledTurns(here);
});
afterAll(async () => {
  await listening?.close();
  await elsewhere?.close();
  await here?.close();
});

describe('a turn settled by another process', () => {
  it('wakes the poll held here at the commit that settled it', async () => {
    // far longer than the test may take: the poll is woken by the notification or not at all
    const waiting = here.replies.wait(41, 600_000);
    await elsewhere.db.transaction(async (tx) => {
      await tx.execute(`select pg_notify('${TURN_SETTLED_CHANNEL}', '41')`);
    });
    expect(await waiting).toBeUndefined();
  });
});
