import pg from 'pg';

/**
 * Counts what this process sends to PostgreSQL through node-postgres (Drizzle, pg-boss and our own
 * pools all do): statements, and transactions as the server commits them — a statement outside
 * BEGIN … COMMIT is a transaction of its own, a BEGIN … COMMIT block is one.
 */
export interface QueryCounts {
  statements: number;
  transactions: number;
}

/** One statement as sent: its text, the connection (a number per client), when it was sent and answered. */
export interface SentStatement {
  text: string;
  connection: number;
  start: number;
  end: number;
}

export function countQueries(): {
  read(): QueryCounts;
  /** The statements since the last reset, in the order they were sent (`end` is filled in on answer). */
  log(): SentStatement[];
  reset(): void;
  stop(): void;
} {
  const counts: QueryCounts = { statements: 0, transactions: 0 };
  let sent: SentStatement[] = [];
  const inTransaction = new WeakSet<object>();
  const connections = new WeakMap<object, number>();
  let connectionCount = 0;
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: object, ...args: unknown[]) {
    const first = args[0];
    const text = (typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '')).trim();
    counts.statements++;
    if (/^begin\b/i.test(text)) {
      // one text holding a whole transaction (BEGIN; …; COMMIT) counts once
      if (/commit;?$/i.test(text)) counts.transactions++;
      else inTransaction.add(this);
    } else if (/^(commit|rollback|end)\b/i.test(text)) {
      if (inTransaction.delete(this)) counts.transactions++;
    } else if (!inTransaction.has(this)) {
      counts.transactions++;
    }
    if (!connections.has(this)) connections.set(this, ++connectionCount);
    const statement: SentStatement = { text, connection: connections.get(this)!, start: performance.now(), end: NaN };
    sent.push(statement);
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        () => {
          statement.end = performance.now();
        },
        () => {
          statement.end = performance.now();
        },
      );
    }
    return result;
  };
  return {
    read: () => ({ ...counts }),
    log: () => sent,
    reset() {
      counts.statements = 0;
      counts.transactions = 0;
      sent = [];
    },
    stop() {
      prototype.query = original;
    },
  };
}
