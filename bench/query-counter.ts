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

export function countQueries(): { read(): QueryCounts; reset(): void; stop(): void } {
  const counts: QueryCounts = { statements: 0, transactions: 0 };
  const inTransaction = new WeakSet<object>();
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
    return original.apply(this, args);
  };
  return {
    read: () => ({ ...counts }),
    reset() {
      counts.statements = 0;
      counts.transactions = 0;
    },
    stop() {
      prototype.query = original;
    },
  };
}
