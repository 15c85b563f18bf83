import { readFileSync } from 'node:fs';
import { DEFAULT_TURN_SAFETY, screenCoachReply, screenStudentMessage } from '@coach/core';
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
/** Times each corpus message is screened for the per-message figure. */
const SCREEN_REPEATS = 200;

interface Level {
  turns: number;
  turnsPerSecond: number;
  clientMs: number[];
}

/** Students posting and polling as the web client does, each turn after the last, for `seconds`. */
async function load(url: string, students: number, seconds: number, round: number): Promise<Level> {
  const logins = await Promise.all(
    Array.from({ length: students }, (_, i) => login(url, `screen${round}x${students}x${i}`)),
  );
  await Promise.all(logins.map((student, i) => oneTurn(url, student, i)));
  const clientMs: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    logins.map(async (student, i) => {
      for (let n = 0; performance.now() < deadline; n++)
        clientMs.push((await oneTurn(url, student, i * 1e6 + n)).clientMs);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    turns: clientMs.length,
    turnsPerSecond: clientMs.length / elapsed,
    clientMs: clientMs.sort((a, b) => a - b),
  };
}

/** The screen alone, in this process: microseconds per message over the labelled corpus, as a student's and as a coach's. */
function screenAlone(): string[] {
  const corpus = JSON.parse(
    readFileSync(new URL('../../packages/core/src/safety/corpus.json', import.meta.url), 'utf8'),
  ) as Record<string, Array<{ text: string }>>;
  const texts = Object.values(corpus).flatMap((messages) => messages.map((m) => m.text));
  const long = `${'Why does the moon change shape when it goes round the earth, and why do we always see the same side? '.repeat(20)}`;
  const time = (screen: (text: string) => unknown, inputs: string[]) => {
    // warmed up first, so the figure is the compiled code's, not the interpreter's
    for (let i = 0; i < SCREEN_REPEATS / 4; i++) for (const text of inputs) screen(text);
    const started = performance.now();
    for (let i = 0; i < SCREEN_REPEATS; i++) for (const text of inputs) screen(text);
    return ((performance.now() - started) * 1000) / (SCREEN_REPEATS * inputs.length);
  };
  const student = (text: string) => screenStudentMessage(DEFAULT_TURN_SAFETY, text);
  const coach = (text: string) => screenCoachReply(DEFAULT_TURN_SAFETY, text);
  return [
    `screen alone: ${time(student, texts).toFixed(1)} µs a corpus message (${texts.length} messages, mean ${Math.round(
      texts.reduce((a, t) => a + t.length, 0) / texts.length,
    )} characters) as a student's, ${time(coach, texts).toFixed(1)} µs as a coach's; ` +
      `${time(student, [long]).toFixed(1)} µs for a ${long.length}-character message`,
  ];
}

/**
 * What the safety screen costs a chat turn: the same closed-loop load as chat-turns on a system with
 * SAFETY_SCREEN=off and one with it on, alternating in one run, offline model at 0 ms (so nothing hides
 * the screen's own cost). Each round is a fresh system on a fresh database. Also the screen alone, per
 * message. SAFETY_SCREEN=off exists for this measurement only.
 */
export const safetyScreen: Scenario = {
  name: 'safety-screen',
  title: 'The safety screen on vs off (chat turns, offline model, 0 ms)',
  async run({ databases, postgresUrl, quick, log }) {
    const seconds = quick ? QUICK_SECONDS_PER_LEVEL : SECONDS_PER_LEVEL;
    const rounds = quick ? QUICK_ROUNDS : ROUNDS;
    const rows: Array<Record<string, string | number>> = [];
    const summary: string[] = screenAlone();
    for (const kind of databases) {
      const byMode: Record<'off' | 'on', Map<number, number[]>> = { off: new Map(), on: new Map() };
      for (const [round, screen] of rounds.entries()) {
        const database = await benchDatabase(kind, postgresUrl);
        const system = await startSystemProcess({
          databaseUrl: database.url,
          env: { OFFLINE_LLM_LATENCY_MS: '0', SAFETY_SCREEN: screen },
        });
        try {
          for (const students of STUDENTS) {
            const level = await load(system.url, students, seconds, round);
            const row = {
              db: kind,
              screen,
              round: round + 1,
              students,
              turns: level.turns,
              turns_per_s: Math.round(level.turnsPerSecond * 10) / 10,
              client_p50_ms: Math.round(percentile(level.clientMs, 50) * 10) / 10,
              client_p99_ms: Math.round(percentile(level.clientMs, 99) * 10) / 10,
            };
            log(JSON.stringify(row));
            rows.push(row);
            byMode[screen].set(students, [...(byMode[screen].get(students) ?? []), level.turnsPerSecond]);
          }
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
