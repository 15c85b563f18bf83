/**
 * Students waiting on a reply (GET /api/messages/{id}/response?wait=…), woken in this process the
 * moment the Brain's reply or failure for their message is stored. A reply stored by another Backend
 * process wakes nobody here: the route looks again every second anyway.
 */
export function createReplyWaiters() {
  const waiting = new Map<number, Set<() => void>>();

  return {
    /** Resolves when `settled(messageId)` is called or `ms` has passed, whichever comes first. */
    wait(messageId: number, ms: number): Promise<void> {
      return new Promise((resolve) => {
        const waiters = waiting.get(messageId) ?? new Set();
        waiting.set(messageId, waiters);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          if (waiters.size === 0 && waiting.get(messageId) === waiters) waiting.delete(messageId);
          resolve();
        };
        const timer = setTimeout(done, ms);
        waiters.add(done);
      });
    },
    /** The message's reply or failure is stored: whoever waits on it looks now. */
    settled(messageId: number): void {
      for (const done of [...(waiting.get(messageId) ?? [])]) done();
    },
  };
}
export type ReplyWaiters = ReturnType<typeof createReplyWaiters>;
