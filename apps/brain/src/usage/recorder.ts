import type { ModelCallEntry } from '@coach/core';

/** Where the LLM client puts one ledger entry per model call attempt. `record` never waits and never throws. */
export interface ModelCallRecorder {
  record(entry: ModelCallEntry): void;
  /** Sends everything buffered now (tests; shutdown). */
  flush(): Promise<void>;
  /** Stops the timer and sends what is left. */
  close(): Promise<void>;
}

export interface RecorderOptions {
  /** Sends one batch to the Backend (`POST /api/internal/model-calls`). */
  send: (calls: ModelCallEntry[]) => Promise<void>;
  /** A batch goes at least this often while entries wait (MODEL_USAGE_FLUSH_MS, 1000). */
  flushIntervalMs?: number;
  /** Entries per request; reaching it sends at once. */
  batchSize?: number;
  /** Entries kept while the Backend cannot take them; beyond it the oldest are dropped and counted. */
  maxBuffered?: number;
  logger?: { warn(object: object, message: string): void } | undefined;
}

/**
 * Buffers entries and sends them in batches off the caller's path: a chat turn only appends to an array.
 * A batch the Backend refuses goes back to the buffer for the next flush. What a crash loses: the entries
 * buffered since the last flush (at most `flushIntervalMs` of calls, or a batch that kept failing).
 */
export function createModelCallRecorder(options: RecorderOptions): ModelCallRecorder {
  const { send, logger } = options;
  const batchSize = options.batchSize ?? 200;
  const maxBuffered = options.maxBuffered ?? 10_000;
  let buffer: ModelCallEntry[] = [];
  let sending: Promise<void> | undefined;
  let dropped = 0;

  const timer = setInterval(() => void flushOnce(), options.flushIntervalMs ?? 1_000);
  // the ledger never keeps a process alive: close() sends the rest on a clean stop
  timer.unref();

  async function sendBatch(): Promise<void> {
    const batch = buffer.slice(0, batchSize);
    buffer = buffer.slice(batch.length);
    try {
      await send(batch);
    } catch (error) {
      buffer = [...batch, ...buffer];
      trim();
      logger?.warn({ err: error, waiting: buffer.length }, 'model usage ledger: could not send a batch; will retry');
      throw error;
    }
  }

  /** One batch, unless one is on its way already (batches go one at a time, in order). */
  function flushOnce(): Promise<void> {
    if (sending || buffer.length === 0) return sending ?? Promise.resolve();
    sending = sendBatch()
      .catch(() => {})
      .finally(() => {
        sending = undefined;
        if (buffer.length >= batchSize) void flushOnce();
      });
    return sending;
  }

  function trim() {
    if (buffer.length <= maxBuffered) return;
    const excess = buffer.length - maxBuffered;
    buffer = buffer.slice(excess);
    dropped += excess;
    logger?.warn({ dropped }, 'model usage ledger: the Backend has not taken entries for a while; oldest dropped');
  }

  async function drain(): Promise<void> {
    // each batch is tried once more here: a Backend that is down at shutdown costs what is buffered
    for (let rounds = Math.ceil(buffer.length / batchSize) + 1; rounds > 0; rounds--) {
      if (sending) await sending;
      if (buffer.length === 0) return;
      await flushOnce();
    }
  }

  return {
    record(entry) {
      buffer.push(entry);
      trim();
      if (buffer.length >= batchSize) void flushOnce();
    },
    flush: drain,
    async close() {
      clearInterval(timer);
      await drain();
    },
  };
}
