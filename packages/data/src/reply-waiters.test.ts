import { describe, expect, it } from 'vitest';
import { createReplyWaiters } from './reply-waiters.ts';
import type { MessageRow } from './repositories/messages.ts';

const row = { id: 9, content: 'Because of the salt.' } as MessageRow;
// long enough never to end in a test: a waiter that resolves was woken
const LONG = 60_000;

describe('students waiting on a reply', () => {
  it('are handed the row by the process that stores it, and not woken by the announcement of that commit', async () => {
    const waiters = createReplyWaiters();
    const waiting = waiters.wait(7, LONG);
    const woken: Array<MessageRow | undefined> = [];
    void waiting.then((reply) => woken.push(reply));

    await waiters.settle(7, async () => {
      // the NOTIFY of the storing commit may arrive before the store hands the row over
      waiters.announced(7);
      await Promise.resolve();
      expect(woken).toEqual([]);
      waiters.settled(7, row);
    });

    expect(await waiting).toBe(row);
  });

  it('look again when another process announces the turn', async () => {
    const waiters = createReplyWaiters();
    const waiting = waiters.wait(8, LONG);
    waiters.announced(8);
    expect(await waiting).toBeUndefined();
  });

  it('all look again when the announcements may have been missed', async () => {
    const waiters = createReplyWaiters();
    const both = Promise.all([waiters.wait(1, LONG), waiters.wait(2, LONG)]);
    waiters.settleAll();
    expect(await both).toEqual([undefined, undefined]);
  });
});
