/** At most so many tasks running at once; the others wait their turn, first come first served. */
export interface ConcurrencyLimit {
  /**
   * Runs `task` once a slot is free and frees the slot when it settles. A `signal` aborted while the
   * task waits gives up waiting (rejecting with its reason) without taking a slot.
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export function createConcurrencyLimit(limit: number): ConcurrencyLimit {
  let active = 0;
  const waiting: Array<() => void> = [];

  function acquire(signal: AbortSignal | undefined): Promise<void> {
    if (active < limit) {
      active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        waiting.splice(waiting.indexOf(start), 1);
        reject(signal?.reason);
      };
      // the slot is handed over by release(), so `active` stays as it is
      const start = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.throwIfAborted();
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(start);
    });
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else active--;
  }

  return {
    async run(task, signal) {
      await acquire(signal);
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/** Runs `work` over `items` with at most `limit` in flight, started in the items' order; results keep it. */
export function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const slots = createConcurrencyLimit(limit);
  return Promise.all(items.map((item, index) => slots.run(() => work(item, index))));
}
