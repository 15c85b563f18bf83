import { readFileSync } from 'node:fs';
import { DEFAULT_TURN_SAFETY, screenCoachReply, screenStudentMessage } from '@coach/core';
import { compareOnOff } from '../on-off.ts';
import type { Scenario } from '../scenario.ts';

/** Times each corpus message is screened for the per-message figure. */
const SCREEN_REPEATS = 200;

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
 * What the safety screen costs a chat turn: chat turns on a system with SAFETY_SCREEN=off and one with it
 * on, alternating in one run (bench/on-off.ts); also the screen alone, per message. SAFETY_SCREEN=off
 * exists for this measurement only.
 */
export const safetyScreen: Scenario = {
  name: 'safety-screen',
  title: 'The safety screen on vs off (chat turns, offline model, 0 ms)',
  async run(context) {
    const measured = await compareOnOff(context, { variable: 'SAFETY_SCREEN', column: 'screen' });
    return { rows: measured.rows, summary: [...screenAlone(), ...measured.summary] };
  },
};
