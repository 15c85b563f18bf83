import { benchDatabase } from '../databases.ts';
import type { Scenario } from '../scenario.ts';
import { percentile, startSystemProcess } from '../system-process.ts';
import { login, oneTurn } from './chat-turns.ts';

const STUDENTS = [1, 8];
const SECONDS_PER_LEVEL = 10;
const QUICK_SECONDS_PER_LEVEL = 3;
/** Off, on, off, on: alternating, so a machine that drifts during the run drifts both. */
const ROUNDS: Array<'off' | 'on'> = ['off', 'on', 'off', 'on'];
const QUICK_ROUNDS: Array<'off' | 'on'> = ['off', 'on'];

interface Level {
  turns: number;
  turnsPerSecond: number;
  serverMs: number[];
}

/** Students posting and polling as the web client does, each turn after the last, for `seconds`. */
async function load(url: string, students: number, seconds: number, round: number): Promise<Level> {
  const logins = await Promise.all(
    Array.from({ length: students }, (_, i) => login(url, `ledger${round}x${students}x${i}`)),
  );
  await Promise.all(logins.map((student, i) => oneTurn(url, student, i)));
  const serverMs: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    logins.map(async (student, i) => {
      for (let n = 0; performance.now() < deadline; n++)
        serverMs.push((await oneTurn(url, student, i * 1e6 + n)).serverMs);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    turns: serverMs.length,
    turnsPerSecond: serverMs.length / elapsed,
    serverMs: serverMs.sort((a, b) => a - b),
  };
}

/** How many calls the ledger holds (0 when it is off). */
async function ledgerCalls(url: string, adminToken: string): Promise<number> {
  const response = await fetch(`${url}/api/admin/usage?group_by=call_type`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  return ((await response.json()) as { totals: { calls: number } }).totals.calls;
}

/**
 * What the model usage ledger costs a chat turn: the same closed-loop load as chat-turns, on a system
 * with MODEL_USAGE_LEDGER=off and one with it on, alternating in one run, offline model at 0 ms (so
 * nothing hides the ledger's own cost). Each round is a fresh system on a fresh database.
 */
export const usageLedger: Scenario = {
  name: 'usage-ledger',
  title: 'The model usage ledger on vs off (chat turns, offline model, 0 ms)',
  async run({ databases, postgresUrl, quick, log }) {
    const seconds = quick ? QUICK_SECONDS_PER_LEVEL : SECONDS_PER_LEVEL;
    const rounds = quick ? QUICK_ROUNDS : ROUNDS;
    const rows: Array<Record<string, string | number>> = [];
    const summary: string[] = [];
    for (const kind of databases) {
      const byMode: Record<'off' | 'on', Map<number, number[]>> = { off: new Map(), on: new Map() };
      for (const [round, ledger] of rounds.entries()) {
        const database = await benchDatabase(kind, postgresUrl);
        const system = await startSystemProcess({
          databaseUrl: database.url,
          env: { OFFLINE_LLM_LATENCY_MS: '0', MODEL_USAGE_LEDGER: ledger },
        });
        try {
          for (const students of STUDENTS) {
            const level = await load(system.url, students, seconds, round);
            const row = {
              db: kind,
              ledger,
              round: round + 1,
              students,
              turns: level.turns,
              turns_per_s: Math.round(level.turnsPerSecond * 10) / 10,
              server_p50_ms: percentile(level.serverMs, 50),
              server_p99_ms: percentile(level.serverMs, 99),
            };
            log(JSON.stringify(row));
            rows.push(row);
            byMode[ledger].set(students, [...(byMode[ledger].get(students) ?? []), level.turnsPerSecond]);
          }
          // the last batch goes within the flush interval
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          const calls = await ledgerCalls(system.url, system.adminToken);
          summary.push(`${kind} round ${round + 1} (ledger ${ledger}): ${calls} model calls in the ledger`);
        } finally {
          await system.stop();
          await database.drop();
        }
      }
      for (const students of STUDENTS) {
        const mean = (values: number[] = []) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
        const spread = (values: number[] = []) => (values.length > 1 ? Math.max(...values) - Math.min(...values) : 0);
        const off = byMode.off.get(students);
        const on = byMode.on.get(students);
        summary.push(
          `${kind}, ${students} student(s): ${mean(off).toFixed(1)} turns/s off, ${mean(on).toFixed(1)} on ` +
            `(${(((mean(on) - mean(off)) / mean(off)) * 100).toFixed(1)}%); rounds of one setting differ by up to ` +
            `${Math.max(spread(off), spread(on)).toFixed(1)} turns/s`,
        );
      }
    }
    return { rows, summary };
  },
};
