import { isDeepStrictEqual } from 'node:util';
import {
  type Api,
  awaitJob,
  chatTurn,
  countingFiveHundreds,
  type JobOutcome,
  loginStudent,
  newConversation,
  type Query,
  type Student,
  type TurnOutcome,
} from './api.ts';
import type { FaultKind, FaultyLlm } from './faulty-llm.ts';
import { invalidGenerations, readStoredGenerations, readTurnLedger } from './invariants.ts';

/**
 * Item 1 of the reliability suite: chat turns and persona refreshes for many students while the model
 * fails a share of its calls. Every turn must end answered or clearly failed, every refresh completed or
 * failed with a reason, and no stored memory or persona may be replaced by output that does not fit.
 */

export interface FaultyLoadOptions {
  students: number;
  turns: number;
  conversationsPerStudent?: number;
  /** How long a student waits for one turn before it counts as stuck. */
  turnBoundMs?: number;
  /** How long an operator waits for one refresh before it counts as stuck. */
  jobBoundMs?: number;
}

export interface FaultyLoadFigures {
  students: number;
  turns: number;
  replied: number;
  turnsFailed: number;
  turnsStuck: number;
  /** Sending the message itself was refused. */
  turnsRefused: number;
  refreshes: number;
  refreshesCompleted: number;
  refreshesFailed: number;
  refreshesStuck: number;
  /** Refreshes pg-boss ran more than once (a transient failure of the persona step). */
  refreshesRetried: number;
  /** Failed refreshes without an error to show. */
  refreshesWithoutReason: number;
  memoriesSaved: number;
  memoriesFailed: number;
  llmCalls: number;
  faultsInjected: number;
  faultsByKind: Record<FaultKind, number>;
  /** Student messages with more than one coach reply, from the database. */
  duplicated: number;
  /** Stored memories/personas that do not fit their schema. */
  invalidStored: string[];
  /** Memories/personas stored before the run and gone after it. */
  lost: string[];
  /** Memories/personas whose only generation attempt failed but whose stored value changed anyway. */
  overwrittenByFailure: string[];
  /** 5xx answers other than the response route's 502 for a failed turn. */
  unexpected5xx: number;
  /** Turn answers that were neither 200, 202 nor a 502 with a detail. */
  unexpectedAnswers: string[];
}

const MEMORY = { main_topics: ['the seeded memory'], action: ['seeded'], typical_observation: 'Seeded.' };
const PERSONA = { persona: 'The seeded persona.', inferred_interests: ['seeds'] };

const QUESTIONS = [
  'Why do volcanoes erupt?',
  'How do birds know where to fly in winter?',
  'What makes the sea salty?',
  'Why does the moon change shape?',
  'How do plants drink water?',
  'I feel nervous about my exams, what can I do?',
];

export async function runFaultyLlmLoad(
  api: Api,
  query: Query,
  llm: FaultyLlm,
  options: FaultyLoadOptions,
): Promise<FaultyLoadFigures> {
  const counted = countingFiveHundreds(api);
  const conversationsPerStudent = options.conversationsPerStudent ?? 2;
  const turnBoundMs = options.turnBoundMs ?? 60_000;
  const jobBoundMs = options.jobBoundMs ?? 120_000;
  const callsBefore = llm.totalCalls();
  const faultsBefore = { ...llm.faults };

  const students = await Promise.all(
    Array.from({ length: options.students }, async (_, i) => {
      const student = await loginStudent(api, `Reliability ${i}`);
      const conversations: number[] = [];
      for (let c = 0; c < conversationsPerStudent; c++) conversations.push(await newConversation(api, student));
      return { student, conversations };
    }),
  );
  // half the students already have a memory and a persona: a failed refresh must leave them as they are
  for (const [i, { student, conversations }] of students.entries()) {
    if (i % 2 === 1) continue;
    await seed(api, '/api/memories', { conversation_id: conversations[0], memory_data: MEMORY });
    await seed(api, '/api/user-personas', { user_id: student.id, persona_data: PERSONA });
  }
  const before = await readStoredGenerations(query);

  const turnsOf = (i: number) =>
    Math.floor(options.turns / options.students) + (i < options.turns % options.students ? 1 : 0);
  const outcomes = await Promise.all(
    students.map(async ({ student, conversations }, i) => {
      const turns: TurnOutcome[] = [];
      let refresh: Promise<JobOutcome> | undefined;
      const count = turnsOf(i);
      for (let t = 0; t < count; t++) {
        const conversationId = conversations[t % conversations.length]!;
        const question = `${QUESTIONS[(i + t) % QUESTIONS.length]} (student ${i}, turn ${t})`;
        turns.push(await chatTurn(counted.api, student, conversationId, question, turnBoundMs));
        // the refresh runs while the student goes on chatting
        if (t === Math.floor(count / 2)) refresh = refreshPersona(counted.api, student, jobBoundMs);
      }
      return { turns, refresh: await (refresh ?? refreshPersona(counted.api, student, jobBoundMs)) };
    }),
  );

  const after = await readStoredGenerations(query);
  const ledger = await readTurnLedger(query);
  const turns = outcomes.flatMap((o) => o.turns);
  const refreshes = outcomes.map((o) => o.refresh);
  const lost = [...before.memories.keys()]
    .filter((id) => !after.memories.has(id))
    .map((id) => `memory of conversation ${id}`)
    .concat([...before.personas.keys()].filter((id) => !after.personas.has(id)).map((id) => `persona of user ${id}`));
  const overwrittenByFailure: string[] = [];
  let memoriesSaved = 0;
  let memoriesFailed = 0;
  for (const refresh of refreshes) {
    if (refresh.kind === 'stuck') continue;
    // with one attempt a failed item was never written; a retried job may have written it in an earlier attempt
    const once = refresh.job.attempts === 1;
    const result = refresh.job.result ?? {};
    for (const item of result.memories?.items ?? []) {
      if (item.status === 'saved') memoriesSaved++;
      if (item.status !== 'failed') continue;
      memoriesFailed++;
      const id = Number(item.conversation_id);
      if (once && !isDeepStrictEqual(after.memories.get(id), before.memories.get(id))) {
        overwrittenByFailure.push(`memory of conversation ${id}`);
      }
    }
    const userId = Number(refresh.job.user_id);
    const personaFailed = refresh.kind === 'failed';
    if (personaFailed && once && !isDeepStrictEqual(after.personas.get(userId), before.personas.get(userId))) {
      overwrittenByFailure.push(`persona of user ${userId}`);
    }
  }
  const faultsByKind = Object.fromEntries(
    Object.entries(llm.faults).map(([kind, n]) => [kind, n - faultsBefore[kind as FaultKind]]),
  ) as Record<FaultKind, number>;

  return {
    students: options.students,
    turns: turns.length,
    replied: turns.filter((t) => t.kind === 'replied').length,
    turnsFailed: turns.filter((t) => t.kind === 'failed').length,
    turnsStuck: turns.filter((t) => t.kind === 'stuck').length,
    turnsRefused: turns.filter((t) => t.kind === 'refused').length,
    refreshes: refreshes.length,
    refreshesCompleted: refreshes.filter((r) => r.kind === 'completed').length,
    refreshesFailed: refreshes.filter((r) => r.kind === 'failed').length,
    refreshesStuck: refreshes.filter((r) => r.kind === 'stuck').length,
    refreshesRetried: refreshes.filter((r) => r.kind !== 'stuck' && r.job.attempts > 1).length,
    refreshesWithoutReason: refreshes.filter((r) => r.kind === 'failed' && r.error.trim() === '').length,
    memoriesSaved,
    memoriesFailed,
    llmCalls: llm.totalCalls() - callsBefore,
    faultsInjected: Object.values(faultsByKind).reduce((sum, n) => sum + n, 0),
    faultsByKind,
    duplicated: ledger.duplicated,
    invalidStored: invalidGenerations(after),
    lost,
    overwrittenByFailure,
    unexpected5xx: counted.fiveHundreds(),
    unexpectedAnswers: turns.flatMap((t) =>
      t.kind === 'unexpected' || t.kind === 'refused' ? [`${t.kind} ${t.status}: ${t.detail}`] : [],
    ),
  };
}

async function seed(api: Api, path: string, body: object) {
  const response = await api.request('POST', path, { token: api.adminToken, body });
  if (response.status !== 200) throw new Error(`${path} failed: ${response.status}`);
}

async function refreshPersona(api: Api, student: Student, boundMs: number): Promise<JobOutcome> {
  const queued = await api.request('POST', `/api/tasks/generate-persona-for-user/${student.id}`, {
    token: api.adminToken,
  });
  if (queued.status !== 202 || typeof queued.body?.job_id !== 'number') {
    throw new Error(`refresh for user ${student.id} answered ${queued.status} ${JSON.stringify(queued.body)}`);
  }
  return awaitJob(api, queued.body.job_id, boundMs);
}
