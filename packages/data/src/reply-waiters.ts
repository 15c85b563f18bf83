import type { MessageRow } from './repositories/messages.ts';

/**
 * Students waiting on a reply (GET /api/messages/{id}/response?wait=…), woken in this process the
 * moment the Brain's reply or failure for their message is stored. A stored reply is handed to them,
 * so the poll answers without reading it back. A reply stored by another process wakes them through
 * `listenForSettledTurns` (they read it), and the route looks again every second anyway.
 */
export function createReplyWaiters() {
  const waiting = new Map<number, Set<(reply?: MessageRow) => void>>();

  return {
    /**
     * Resolves when `settled(messageId)` is called (with the reply, when one was stored) or `ms` has
     * passed (undefined), whichever comes first.
     */
    wait(messageId: number, ms: number): Promise<MessageRow | undefined> {
      return new Promise((resolve) => {
        const waiters = waiting.get(messageId) ?? new Set();
        waiting.set(messageId, waiters);
        const done = (reply?: MessageRow) => {
          clearTimeout(timer);
          waiters.delete(done);
          if (waiters.size === 0 && waiting.get(messageId) === waiters) waiting.delete(messageId);
          resolve(reply);
        };
        const timer = setTimeout(done, ms);
        waiters.add(done);
      });
    },
    /** Every waiter looks now (a notification may have been missed). */
    settleAll(): void {
      for (const waiters of [...waiting.values()]) for (const done of [...waiters]) done();
    },
    /** The message's reply (given) or failure is stored: whoever waits on it has the reply, or looks now. */
    settled(messageId: number, reply?: MessageRow): void {
      for (const done of [...(waiting.get(messageId) ?? [])]) done(reply);
    },
  };
}
export type ReplyWaiters = ReturnType<typeof createReplyWaiters>;
