import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Api,
  awaitJob,
  awaitTurn,
  countingFiveHundreds,
  loginStudent,
  newConversation,
  type Student,
} from './api.ts';
import { invalidGenerations, readStoredGenerations, readTurnLedger } from './invariants.ts';
import type { ProcessSystem } from './processes.ts';

/**
 * Item 2 of the reliability suite: a Brain process is killed (SIGKILL) while it writes a batch of memories
 * and answers chat turns; a new Brain takes over. Every job must finish exactly once in effect: each
 * message answered once, each memory of the batch stored, the batch job completed.
 */

export interface CrashOptions {
  /** Kill-and-restart rounds, each with its own messages and memory batch. */
  rounds?: number;
  /** Chat turns sent in each round (more than one Brain answers at once, so some wait in the queue). */
  turns?: number;
  /** Conversations in each round's memory batch. */
  memories?: number;
  /** How long the doomed Brain's model thinks per call. */
  slowLatencyMs?: number;
}

export interface CrashFigures {
  rounds: number;
  turns: number;
  /** Chat-turn jobs a Brain held (active in pg-boss) when it was killed, over all rounds. */
  turnsInFlightAtKill: number;
  memories: number;
  /** Memories of the batch not written yet (being written, or next) when the Brain was killed. */
  memoriesUnwrittenAtKill: number;
  replied: number;
  turnsFailed: number;
  /** Student messages left without a reply or a failure. */
  stuck: number;
  duplicated: number;
  /** Batch conversations without a stored memory after the job completed. */
  lostMemories: number;
  jobsCompleted: number;
  jobsFailed: number;
  invalidStored: string[];
  /** 5xx answers of the Backend (a Brain's death is no reason for any). */
  unexpected5xx: number;
  /** Longest time from the kill until every chat turn of the round was answered. */
  turnRecoverySeconds: number;
  /** Longest time from the kill until the round's memory batch had settled. */
  batchRecoverySeconds: number;
}

export async function runCrashRecovery(system: ProcessSystem, options: CrashOptions = {}): Promise<CrashFigures> {
  const rounds = options.rounds ?? 1;
  const turnsPerRound = options.turns ?? 12;
  const memoriesPerRound = options.memories ?? 6;
  const figures: CrashFigures = {
    rounds,
    turns: 0,
    turnsInFlightAtKill: 0,
    memories: 0,
    memoriesUnwrittenAtKill: 0,
    replied: 0,
    turnsFailed: 0,
    stuck: 0,
    duplicated: 0,
    lostMemories: 0,
    jobsCompleted: 0,
    jobsFailed: 0,
    invalidStored: [],
    unexpected5xx: 0,
    turnRecoverySeconds: 0,
    batchRecoverySeconds: 0,
  };
  const counted = countingFiveHundreds(system.api);
  const api = counted.api;
  const secondsSince = (start: number) => Math.round((Date.now() - start) / 100) / 10;
  for (let round = 0; round < rounds; round++) {
    // the work is queued first and the doomed Brain starts on all of it at once: it works two memories and
    // four turns at a time, so for a while some are done and some are in its hands
    const batch = await givenMemoryBatchStudent(api, `Crash batch ${round}`, memoriesPerRound);
    const chatters = await Promise.all(
      Array.from({ length: turnsPerRound }, async (_, i) => {
        const student = await loginStudent(api, `Crash chat ${round} ${i}`);
        return { student, conversationId: await newConversation(api, student) };
      }),
    );
    const jobId = await queueMemoryBatch(api, batch.student);
    const sent = await Promise.all(
      chatters.map(async ({ student, conversationId }, i) => {
        const answer = await api.request('POST', `/api/conversations/${conversationId}/messages`, {
          token: student.token,
          body: { content: `Why do stars twinkle? (${round}.${i})` },
        });
        if (answer.status !== 200) throw new Error(`sending failed: ${answer.status}`);
        return { student, messageId: answer.body.message.id as number };
      }),
    );
    const doomed = await system.startBrain({
      OFFLINE_LLM_LATENCY_MS: String(options.slowLatencyMs ?? 2_000),
      BRAIN_CONCURRENCY: '4',
      MEMORY_GENERATION_CONCURRENCY: '2',
    });

    // kill once some memories are written and others, and some chat turns, are in the Brain's hands
    const atKill = await untilMidWork(api, system, jobId, memoriesPerRound);
    await doomed.kill();
    const killedAt = Date.now();
    figures.turnsInFlightAtKill += atKill.activeTurns;
    figures.memoriesUnwrittenAtKill += memoriesPerRound - atKill.memoriesDone;

    const successor = await system.startBrain();
    const [outcomes, job] = await Promise.all([
      Promise.all(sent.map(({ student, messageId }) => awaitTurn(api, student, messageId, 90_000))).finally(() => {
        figures.turnRecoverySeconds = Math.max(figures.turnRecoverySeconds, secondsSince(killedAt));
      }),
      awaitJob(api, jobId, 120_000).finally(() => {
        figures.batchRecoverySeconds = Math.max(figures.batchRecoverySeconds, secondsSince(killedAt));
      }),
    ]);
    await successor.stop();

    figures.turns += sent.length;
    figures.replied += outcomes.filter((o) => o.kind === 'replied').length;
    figures.turnsFailed += outcomes.filter((o) => o.kind === 'failed').length;
    figures.memories += memoriesPerRound;
    if (job.kind === 'completed') figures.jobsCompleted++;
    if (job.kind === 'failed') figures.jobsFailed++;
    const stored = await system.query(
      `select count(*) as n from conversation_memories where conversation_id in (${batch.conversationIds.join(',')})`,
    );
    figures.lostMemories += memoriesPerRound - Number(stored[0]!.n);
  }
  const ledger = await readTurnLedger(system.query);
  figures.stuck = ledger.pending;
  figures.duplicated = ledger.duplicated;
  figures.invalidStored = invalidGenerations(await readStoredGenerations(system.query));
  figures.unexpected5xx = counted.fiveHundreds();
  return figures;
}

/** A student with `count` conversations of two messages each, none with a memory yet. */
async function givenMemoryBatchStudent(api: Api, name: string, count: number) {
  const student = await loginStudent(api, name);
  const conversationIds: number[] = [];
  for (let i = 0; i < count; i++) {
    const conversationId = await newConversation(api, student);
    for (const content of [`How do bees make honey? (${i})`, 'And why is it sweet?']) {
      // purpose test: stored without a reply, so only the memory batch works on these conversations
      await api.request('POST', `/api/conversations/${conversationId}/messages`, {
        token: student.token,
        body: { content, purpose: 'test' },
      });
    }
    conversationIds.push(conversationId);
  }
  return { student, conversationIds };
}

async function queueMemoryBatch(api: Api, student: Student): Promise<number> {
  const queued = await api.request('POST', `/api/tasks/generate-memories-for-user/${student.id}`, {
    token: api.adminToken,
  });
  if (queued.status !== 202) throw new Error(`memory batch: ${queued.status} ${JSON.stringify(queued.body)}`);
  return queued.body.job_id;
}

async function untilMidWork(api: Api, system: ProcessSystem, jobId: number, total: number) {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
    const job = await api.request('GET', `/api/tasks/jobs/${jobId}`, { token: api.adminToken });
    const done = Number(job.body?.progress?.done ?? 0);
    const [active] = await system.query(
      "select count(*) as n from pgboss.job where name = 'chat-turn' and state = 'active'",
    );
    const activeTurns = Number(active!.n);
    if (job.body?.state === 'running' && done >= 1 && done < total && activeTurns >= 1) {
      return { memoriesDone: done, activeTurns };
    }
  }
  throw new Error('the Brain never got into the middle of its work');
}
