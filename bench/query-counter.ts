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

/**
 * One statement as sent: its text, the connection (a number per client), when it was sent and answered,
 * and how many rows it returned or changed (NaN until answered).
 */
export interface SentStatement {
  text: string;
  connection: number;
  start: number;
  end: number;
  rows: number;
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
    const statement: SentStatement = {
      text,
      connection: connections.get(this)!,
      start: performance.now(),
      end: NaN,
      rows: NaN,
    };
    sent.push(statement);
    const answered = (answer?: { rowCount?: number | null }) => {
      statement.end = performance.now();
      statement.rows = answer?.rowCount ?? Number.NaN;
    };
    // a pool's query hands the client a callback (the last argument); anyone else awaits the promise
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: unknown, answer?: { rowCount?: number | null }) => {
        answered(answer);
        return callback(error, answer);
      };
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<{ rowCount?: number | null } | undefined>).then(answered, () => answered());
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
