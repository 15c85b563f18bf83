import type { MessageRow } from './repositories/messages.ts';

/**
 * Students waiting on a reply (GET /api/messages/{id}/response?wait=…), woken in this process the
 * moment the Brain's reply or failure for their message is stored. A stored reply is handed to them,
 * so the poll answers without reading it back. A reply stored by another process wakes them through
 * `listenForSettledTurns` (they read it), and the route looks again every second anyway.
 */
export function createReplyWaiters() {
  const waiting = new Map<number, Set<(reply?: MessageRow) => void>>();
  // turns this process is settling: it hands their row over itself, so their announcement is not needed
  const settling = new Set<number>();

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
    /**
     * Runs `write`, which stores the message's reply or failure and calls `settled` itself: meanwhile
     * the announcement of that commit (`announced`) wakes nobody, so a waiter gets the row handed over
     * instead of reading it again.
     */
    async settle<T>(messageId: number, write: () => Promise<T>): Promise<T> {
      settling.add(messageId);
      try {
        return await write();
      } finally {
        settling.delete(messageId);
      }
    },
    /** A turn was settled by some process (a notification): its waiters here look again, unless this process settles it. */
    announced(messageId: number): void {
      if (!settling.has(messageId)) this.settled(messageId);
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
