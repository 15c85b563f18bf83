import { benchDatabase } from './databases.ts';
import type { ScenarioContext, ScenarioResult } from './scenario.ts';
import { login, oneTurn } from './scenarios/chat-turns.ts';
import { percentile, type SystemProcess, startSystemProcess } from './system-process.ts';

type Setting = 'off' | 'on';

const STUDENTS = [1, 8];
const SECONDS_PER_LEVEL = 10;
const QUICK_SECONDS_PER_LEVEL = 3;
/** Off, on, off, on: alternating, so a machine that drifts during the run drifts both. */
const ROUNDS: Setting[] = ['off', 'on', 'off', 'on'];
const QUICK_ROUNDS: Setting[] = ['off', 'on'];

export interface OnOffOptions {
  /** The environment variable switched between rounds, e.g. `SAFETY_SCREEN`. */
  variable: string;
  /** The rows' column naming the setting, e.g. `screen`. */
  column: string;
  /** After a round's load, on the still-running system: a summary line (a check that the setting took). */
  afterRound?: (system: SystemProcess, setting: Setting) => Promise<string>;
}

/** Students posting and polling as the web client does, each turn after the last, for `seconds`. */
async function load(url: string, students: number, seconds: number, names: string) {
  const logins = await Promise.all(Array.from({ length: students }, (_, i) => login(url, `${names}x${i}`)));
  await Promise.all(logins.map((student, i) => oneTurn(url, student, i)));
  const turns: Array<{ clientMs: number; serverMs: number }> = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    logins.map(async (student, i) => {
      for (let n = 0; performance.now() < deadline; n++) turns.push(await oneTurn(url, student, i * 1e6 + n));
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const sorted = (pick: (turn: (typeof turns)[number]) => number) => turns.map(pick).sort((a, b) => a - b);
  return {
    turns: turns.length,
    turnsPerSecond: turns.length / elapsed,
    clientMs: sorted((t) => t.clientMs),
    serverMs: sorted((t) => t.serverMs),
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * What one setting costs a chat turn: the same closed-loop load as chat-turns on a system with
 * `variable=off` and one with it `on`, alternating in one run, offline model at 0 ms (so nothing hides
 * the setting's own cost). Each round is a fresh system on a fresh database. The summary compares the
 * means of each setting with the spread between rounds of one setting: a difference inside that spread
 * is noise.
 */
export async function compareOnOff(context: ScenarioContext, options: OnOffOptions): Promise<ScenarioResult> {
  const { databases, postgresUrl, quick, log } = context;
  const seconds = quick ? QUICK_SECONDS_PER_LEVEL : SECONDS_PER_LEVEL;
  const rows: ScenarioResult['rows'] = [];
  const summary: string[] = [];
  for (const kind of databases) {
    const bySetting: Record<Setting, Map<number, number[]>> = { off: new Map(), on: new Map() };
    for (const [round, setting] of (quick ? QUICK_ROUNDS : ROUNDS).entries()) {
      const database = await benchDatabase(kind, postgresUrl);
      const system = await startSystemProcess({
        databaseUrl: database.url,
        env: { OFFLINE_LLM_LATENCY_MS: '0', [options.variable]: setting },
      });
      try {
        for (const students of STUDENTS) {
          const level = await load(system.url, students, seconds, `${options.column}${round}x${students}`);
          const row = {
            db: kind,
            [options.column]: setting,
            round: round + 1,
            students,
            turns: level.turns,
            turns_per_s: round1(level.turnsPerSecond),
            client_p50_ms: round1(percentile(level.clientMs, 50)),
            client_p99_ms: round1(percentile(level.clientMs, 99)),
            server_p50_ms: percentile(level.serverMs, 50),
            server_p99_ms: percentile(level.serverMs, 99),
          };
          log(JSON.stringify(row));
          rows.push(row);
          bySetting[setting].set(students, [...(bySetting[setting].get(students) ?? []), level.turnsPerSecond]);
        }
        if (options.afterRound)
          summary.push(`${kind} round ${round + 1}: ${await options.afterRound(system, setting)}`);
      } finally {
        await system.stop();
        await database.drop();
      }
    }
    const mean = (values: number[] = []) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
    const spread = (values: number[] = []) => (values.length > 1 ? Math.max(...values) - Math.min(...values) : 0);
    for (const students of STUDENTS) {
      const off = bySetting.off.get(students);
      const on = bySetting.on.get(students);
      summary.push(
        `${kind}, ${students} student(s): ${mean(off).toFixed(1)} turns/s off, ${mean(on).toFixed(1)} on ` +
          `(${(((mean(on) - mean(off)) / mean(off)) * 100).toFixed(1)}%); rounds of one setting differ by up to ` +
          `${Math.max(spread(off), spread(on)).toFixed(1)} turns/s`,
      );
    }
  }
  return { rows, summary };
}
