import { rmSync } from 'node:fs';
import { startAll } from '../../apps/cli/src/start.ts';
import { benchDatabase } from '../databases.ts';
import { countQueries, type SentStatement } from '../query-counter.ts';
import type { Scenario } from '../scenario.ts';
import { benchDataDir, percentile } from '../system-process.ts';
import { login } from './chat-turns.ts';

const TURNS = 60;
const QUICK_TURNS = 20;
const WARM_UP = 5;

/** One turn's moments, in ms from the student's POST. */
interface Anatomy {
  posted: number;
  brainStarts: number;
  contextRead: number;
  replyStarts: number;
  replyStored: number;
  studentSees: number;
  /** Sent by the whole system (Backend, Brain, queue) from the POST until the student has the reply. */
  statements: number;
  transactions: number;
}

/**
 * The Brain's part of a turn, read from the statements it sent: its context is the read-only
 * transaction, its reply the transaction that announces the turn (pg_notify) — from BEGIN sent to
 * COMMIT answered, on one connection.
 */
function brainMoments(log: SentStatement[]) {
  const transactionAround = (index: number) => {
    const connection = log[index]!.connection;
    let begin = index;
    while (begin > 0 && !(log[begin]!.connection === connection && /^begin\b/i.test(log[begin]!.text))) begin--;
    let commit = index;
    while (commit < log.length - 1 && !(log[commit]!.connection === connection && /^commit\b/i.test(log[commit]!.text)))
      commit++;
    return { start: log[begin]!.start, end: log[commit]!.end };
  };
  const contextAt = log.findIndex((s) => /^begin\b.*read only/i.test(s.text));
  const replyAt = log.findIndex((s) => /^select pg_notify\(/i.test(s.text));
  if (contextAt === -1 || replyAt === -1) return undefined;
  return { context: transactionAround(contextAt), reply: transactionAround(replyAt) };
}

export const turnAnatomy: Scenario = {
  name: 'turn-anatomy',
  title: 'Where a chat turn spends its time (one student, offline model at 0 ms)',
  async run({ databases, postgresUrl, quick, log }) {
    const rows: Array<Record<string, string>> = [];
    for (const kind of databases) {
      const database = await benchDatabase(kind, postgresUrl);
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      const dataDir = benchDataDir();
      // without DATABASE_URL this process starts the embedded server in DATA_DIR/pg, as `npm start` does
      const system = await startAll({
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        BRAIN_PORT: String(port + 1),
        LOG_LEVEL: 'warn',
        OFFLINE_LLM_LATENCY_MS: '0',
        MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000',
        ...(database.url ? { DATABASE_URL: database.url } : {}),
      });
      const url = system.backend.url;
      const queries = countQueries();
      const realFetch = globalThis.fetch;
      try {
        const student = await login(url, 'anatomy');
        const headers = { authorization: `Bearer ${student.token}`, 'content-type': 'application/json' };
        const turns: Anatomy[] = [];
        const total = quick ? QUICK_TURNS : TURNS;
        for (let n = 0; n < WARM_UP + total; n++) {
          queries.reset();
          const t0 = performance.now();
          const posted = await (
            await realFetch(`${url}/api/conversations/${student.conversationId}/messages`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ content: `Why is the sky blue? (${n})` }),
            })
          ).json();
          const postedAt = performance.now() - t0;
          // as the web client asks: one poll, held until the reply is stored
          const answer = await realFetch(`${url}/api/messages/${posted.message.id}/response?wait=20`, { headers });
          await answer.text();
          const seen = performance.now() - t0;
          const counted = queries.read();
          if (answer.status !== 200) throw new Error(`turn ${n} answered ${answer.status}`);
          const brain = brainMoments(queries.log());
          if (!brain) throw new Error(`turn ${n}: the Brain's reads and writes were not seen`);
          if (n < WARM_UP) continue;
          turns.push({
            posted: postedAt,
            brainStarts: brain.context.start - t0,
            contextRead: brain.context.end - t0,
            replyStarts: brain.reply.start - t0,
            replyStored: brain.reply.end - t0,
            studentSees: seen,
            statements: counted.statements,
            transactions: counted.transactions,
          });
        }
        const stage = (name: string, of: (t: Anatomy) => number, digits = 1) => {
          const values = turns.map(of).sort((a, b) => a - b);
          const row = {
            db: kind,
            stage: name,
            median: percentile(values, 50).toFixed(digits),
            p90: percentile(values, 90).toFixed(digits),
          };
          log(JSON.stringify(row));
          rows.push(row);
        };
        stage('POST message (stored, chat turn queued, answered), ms', (t) => t.posted);
        stage('… the Brain claims the job (from the POST), ms', (t) => t.brainStarts);
        stage('… its context read (one read-only transaction), ms', (t) => t.contextRead - t.brainStarts);
        stage('… the 4 pipeline steps (offline model, 0 ms), ms', (t) => t.replyStarts - t.contextRead);
        stage('… the reply stored and the job completed (one transaction), ms', (t) => t.replyStored - t.replyStarts);
        stage('… the waiting poll answers, ms', (t) => t.studentSees - t.replyStored);
        stage('the student sees the reply (from the POST), ms', (t) => t.studentSees);
        stage('statements sent to PostgreSQL in the turn', (t) => t.statements, 0);
        stage('transactions committed in the turn', (t) => t.transactions, 0);
      } finally {
        queries.stop();
        await system.stop();
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    return {
      rows,
      summary: [
        `${quick ? QUICK_TURNS : TURNS} turns one after another (after ${WARM_UP} to warm up); "…" rows are`,
        'stages of the turn, each from the end of the one before (the Brain may start before the POST answers);',
        'statements and transactions: counted at the driver (node-postgres) for the whole system, from the POST',
        'until the student has the reply (a statement outside BEGIN … COMMIT is a transaction of its own).',
      ],
    };
  },
};
