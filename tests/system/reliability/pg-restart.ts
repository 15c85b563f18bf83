import { setTimeout as sleep } from 'node:timers/promises';
import { awaitTurn, loginStudent, newConversation, type TurnOutcome } from './api.ts';
import { readTurnLedger } from './invariants.ts';
import type { PrivatePostgres } from './private-postgres.ts';
import type { ProcessSystem } from './processes.ts';

/**
 * Item 2's database half: PostgreSQL stops while students chat, stays down a few seconds and comes back.
 * The system must recover without anyone restarting it, and `/api/health` must tell the truth all along.
 * Stopping a server breaks every connection to it, so it runs in the soak profile only, on a server of its
 * own (`startPrivatePostgres`): on the machine's server the test files `npm test` runs in parallel would
 * all break.
 */

export interface RestartOptions {
  students?: number;
  /** Chatting before the stop, and again after the database is back. */
  loadSeconds?: number;
  downSeconds?: number;
}

export interface RestartFigures {
  /** Messages the Backend accepted (200), before, during and after the outage. */
  turns: number;
  replied: number;
  turnsFailed: number;
  stuck: number;
  duplicated: number;
  /** Messages refused while the database was down (nothing was stored). */
  refusedDuringOutage: number;
  /** Their statuses: 503 (the database is not reachable) is the truth; anything else is not. */
  refusedStatuses: Record<string, number>;
  /** Refusals at any other time. */
  refusedOtherwise: number;
  healthSamplesDown: number;
  /** Health answers during the outage that were not 503 with the database reported broken. */
  healthLiesDown: number;
  /** The health route's answers in order, runs of one status compressed: "200×12 503×20 200×30". */
  healthTimeline: string;
  /** Seconds from PostgreSQL answering again until the health route says everything is ok. */
  healthRecoverySeconds: number;
  /** Seconds from PostgreSQL answering again until a new message got its reply. */
  chatRecoverySeconds: number;
}

export async function runPostgresRestart(
  system: ProcessSystem,
  server: PrivatePostgres,
  options: RestartOptions = {},
): Promise<RestartFigures> {
  const loadMs = (options.loadSeconds ?? 5) * 1000;
  const downMs = (options.downSeconds ?? 5) * 1000;
  const students = await Promise.all(
    Array.from({ length: options.students ?? 6 }, async (_, i) => {
      const student = await loginStudent(system.api, `Restart ${i}`);
      return { student, conversationId: await newConversation(system.api, student) };
    }),
  );
  const phase = { down: false, restartedAt: 0 };
  const sent: { at: number; outcome: Promise<TurnOutcome> }[] = [];
  let refusedDuringOutage = 0;
  const refusedStatuses: Record<string, number> = {};
  let refusedOtherwise = 0;
  let chatRecoveredAt = 0;
  let stopped = false;

  // students chat without pause; each waits for its reply before the next message, as the web client does
  const chatting = students.map(async ({ student, conversationId }, i) => {
    for (let t = 0; !stopped; t++) {
      const wasDown = phase.down;
      const at = Date.now();
      const answer = await system.api.request('POST', `/api/conversations/${conversationId}/messages`, {
        token: student.token,
        body: { content: `What makes thunder so loud? (${i}.${t})` },
      });
      if (answer.status !== 200) {
        if (wasDown || phase.down) {
          refusedDuringOutage++;
          refusedStatuses[answer.status] = (refusedStatuses[answer.status] ?? 0) + 1;
        } else refusedOtherwise++;
        await sleep(200);
        continue;
      }
      const outcome = awaitTurn(system.api, student, answer.body.message.id, 120_000);
      sent.push({ at, outcome });
      const settled = await outcome;
      if (settled.kind === 'replied' && phase.restartedAt > 0 && at > phase.restartedAt && chatRecoveredAt === 0) {
        chatRecoveredAt = Date.now();
      }
    }
  });

  const health: { down: boolean; status: number; database: string }[] = [];
  let healthRecoveredAt = 0;
  const sampling = (async () => {
    while (!stopped) {
      const down = phase.down;
      const answer = await system.api.request('GET', '/api/health');
      if (phase.down === down) health.push({ down, status: answer.status, database: String(answer.body?.database) });
      const allOk = answer.status === 200 && answer.body?.status === 'ok';
      if (phase.restartedAt > 0 && healthRecoveredAt === 0 && allOk) healthRecoveredAt = Date.now();
      await sleep(250);
    }
  })();

  await sleep(loadMs);
  await server.stop();
  phase.down = true;
  await sleep(downMs);
  phase.down = false;
  await server.start();
  phase.restartedAt = Date.now();
  await sleep(loadMs);
  for (const deadline = Date.now() + 60_000; (!chatRecoveredAt || !healthRecoveredAt) && Date.now() < deadline; ) {
    await sleep(250);
  }
  stopped = true;
  await Promise.all([...chatting, sampling]);
  const outcomes = await Promise.all(sent.map((s) => s.outcome));
  const ledger = await readTurnLedger(system.query);

  const downSamples = health.filter((sample) => sample.down);
  const seconds = (at: number) => (at ? Math.round((at - phase.restartedAt) / 100) / 10 : Number.NaN);
  return {
    turns: sent.length,
    replied: outcomes.filter((o) => o.kind === 'replied').length,
    turnsFailed: outcomes.filter((o) => o.kind === 'failed').length,
    stuck: ledger.pending,
    duplicated: ledger.duplicated,
    refusedDuringOutage,
    refusedStatuses,
    refusedOtherwise,
    healthSamplesDown: downSamples.length,
    healthTimeline: timeline(health.map((sample) => (sample.down ? `${sample.status}(down)` : String(sample.status)))),
    healthLiesDown: downSamples.filter((s) => s.status !== 503 || s.database === 'ok').length,
    healthRecoverySeconds: seconds(healthRecoveredAt),
    chatRecoverySeconds: seconds(chatRecoveredAt),
  };
}

function timeline(statuses: string[]): string {
  const runs: [string, number][] = [];
  for (const status of statuses) {
    const last = runs.at(-1);
    if (last && last[0] === status) last[1]++;
    else runs.push([status, 1]);
  }
  return runs.map(([status, n]) => `${status}×${n}`).join(' ');
}
