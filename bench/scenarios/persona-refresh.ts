import { setTimeout as sleep } from 'node:timers/promises';
import { benchDatabase, loadSystemDatabase } from '../databases.ts';
import type { DatabaseKind, Scenario } from '../scenario.ts';
import { type CoachDataShape, seedCoachData } from '../seed.ts';
import { benchDataDir, type SystemProcess, startSystemProcess } from '../system-process.ts';

const STUDENTS = 200;
const QUICK_STUDENTS = 40;
/**
 * With K = 1 every call waits for the one before it: 200 students would take (1000 + 200) × 0.2 s = 4 min
 * a row, for a ratio fewer students measure as well.
 */
const STUDENTS_AT_K1 = 20;
const QUICK_STUDENTS_AT_K1 = 10;
const CONVERSATIONS = 5;
const LATENCY_MS = 200;
/** BENCH_PERSONA_K=16,32: only those rows (to re-run or profile them). */
const CONCURRENCY = process.env.BENCH_PERSONA_K?.split(',').map(Number) ?? [1, 4, 16, 32];
/** Requests in flight at once when asking for each student's persona. */
const PARALLEL_REQUESTS = 8;

/**
 * How the operator asks for every student's persona:
 * - `memories, then personas`: the global memory trigger, and once its job is done the persona trigger
 *   (what the schedule does each tick; the two phases of the ideal formula);
 * - `per student`: generate-persona-for-user for each student (its memories first, then its persona).
 */
type Mode = 'memories, then personas' | 'per student';
const MODES: Mode[] = ['memories, then personas', 'per student'];

/** The Brain setting for K model calls in flight at once (memories and jobs at once follow it). */
function generationEnv(k: number): Record<string, string> {
  return { GENERATION_CONCURRENCY: String(k) };
}

/** Students with `CONVERSATIONS` conversations of 5 messages each, idle for two days or more, no memories. */
function shapeFor(students: number): CoachDataShape {
  return {
    students,
    conversationsPerStudent: CONVERSATIONS,
    messagesPerConversation: 5,
    spanDays: 30,
    newestHoursAgo: 48,
  };
}

interface Job {
  state: 'queued' | 'running' | 'completed' | 'failed';
  error?: string;
  result?: { persona?: { status: string; updated_at?: string } };
}

function admin(system: SystemProcess) {
  const headers = { authorization: `Bearer ${system.adminToken}`, 'content-type': 'application/json' };
  return {
    async post(route: string, body: object = {}) {
      const response = await fetch(`${system.url}${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`POST ${route}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    },
    /** Polls a job until it has settled; a job that failed fails the run. */
    async settled(jobId: number, everyMs: number): Promise<Job> {
      for (;;) {
        const response = await fetch(`${system.url}/api/tasks/jobs/${jobId}`, { headers });
        const job = (await response.json()) as Job;
        if (job.state === 'failed') throw new Error(`job ${jobId} failed: ${job.error}`);
        if (job.state === 'completed') return job;
        await sleep(everyMs);
      }
    },
  };
}

/**
 * Starts generation for every student; answers when the last persona was saved and, with the global
 * trigger, when the memory job was seen done (epoch ms).
 */
async function generateAll(system: SystemProcess, mode: Mode, students: number) {
  const api = admin(system);
  let personaJobs: number[];
  let memoriesDone: number | undefined;
  if (mode === 'memories, then personas') {
    const memories = await api.post('/api/tasks/trigger-memory-generation?clamp=-1');
    // polled often, as the wait for this job is part of the figure, but not so often that the polls
    // load the system measured (each is a request and a query)
    await api.settled(memories.job_id as number, 50);
    memoriesDone = Date.now();
    const personas = await api.post('/api/tasks/trigger-user-persona-generation?clamp=-1');
    personaJobs = personas.job_ids as number[];
  } else {
    // as an operator's script would: a few requests at a time (the CLI's demo sends them all at once)
    personaJobs = new Array<number>(students);
    let next = 0;
    const senders = Array.from({ length: PARALLEL_REQUESTS }, async () => {
      for (let i = next++; i < students; i = next++) {
        personaJobs[i] = (await api.post(`/api/tasks/generate-persona-for-user/${i + 1}`)).job_id as number;
      }
    });
    await Promise.all(senders);
  }
  if (personaJobs.length !== students) throw new Error(`${personaJobs.length} persona jobs for ${students} students`);
  // jobs finish about in the order queued: wait for the last one, then read each (settled by then, or
  // nearly); polling each job while they run would load the system measured with a request per job
  await api.settled(personaJobs.at(-1)!, 200);
  let lastSaved = 0;
  for (const jobId of personaJobs) {
    const job = await api.settled(jobId, 200);
    const persona = job.result?.persona;
    if (persona?.status !== 'saved' || !persona.updated_at) {
      throw new Error(`job ${jobId} saved no persona: ${JSON.stringify(persona)}`);
    }
    lastSaved = Math.max(lastSaved, Date.parse(persona.updated_at));
  }
  return { lastSaved, memoriesDone };
}

/** Loads the students into a fresh database (before the system starts on it) and starts the system. */
async function startLoaded(kind: DatabaseKind, postgresUrl: string, students: number, k: number) {
  const database = await benchDatabase(kind, postgresUrl);
  const dataDir = benchDataDir();
  await loadSystemDatabase({ databaseUrl: database.url, dataDir }, (loading) =>
    seedCoachData(loading.db, shapeFor(students), () => {}),
  );
  const system = await startSystemProcess({
    databaseUrl: database.url,
    dataDir,
    env: { OFFLINE_LLM_LATENCY_MS: String(LATENCY_MS), ...generationEnv(k) },
  });
  return {
    system,
    async stop() {
      await system.stop();
      await database.drop();
    },
  };
}

/**
 * Scenario 2: the time from asking for every student's persona to the last persona saved, with the
 * offline model at 200 ms a call, against the LLM-bound ideal (⌈U·C/K⌉ + ⌈U/K⌉)·L.
 */
export const personaRefresh: Scenario = {
  name: 'persona-refresh',
  title: `Persona refresh throughput (offline model, ${LATENCY_MS} ms a call)`,
  async run({ databases, postgresUrl, quick, log }) {
    const studentsFor = (k: number) =>
      k === 1 ? (quick ? QUICK_STUDENTS_AT_K1 : STUDENTS_AT_K1) : quick ? QUICK_STUDENTS : STUDENTS;
    const rows = [];
    for (const kind of databases) {
      for (const k of CONCURRENCY) {
        const students = studentsFor(k);
        for (const mode of MODES) {
          const { system, stop } = await startLoaded(kind, postgresUrl, students, k);
          try {
            const cpuBefore = system.cpuSeconds();
            const started = Date.now();
            const { lastSaved, memoriesDone } = await generateAll(system, mode, students);
            const seconds = (lastSaved - started) / 1000;
            const ideal = (Math.ceil((students * CONVERSATIONS) / k) + Math.ceil(students / k)) * (LATENCY_MS / 1000);
            const calls = students * CONVERSATIONS + students;
            const row = {
              db: kind,
              k,
              trigger: mode,
              students,
              seconds: seconds.toFixed(1),
              memories_s: memoriesDone ? ((memoriesDone - started) / 1000).toFixed(1) : '',
              ideal_s: ideal.toFixed(1),
              ratio: (seconds / ideal).toFixed(2),
              // model calls in flight on average: how close the Brain came to K
              avg_in_flight: ((calls * LATENCY_MS) / 1000 / seconds).toFixed(1),
              // the node process's CPU time over the wall time: near 1 means its event loop was the limit
              cpu_s: (system.cpuSeconds() - cpuBefore).toFixed(1),
            };
            log(JSON.stringify(row));
            rows.push(row);
          } finally {
            await stop();
          }
        }
      }
    }
    return {
      rows,
      summary: [
        "memories_s: when the global memory job was seen done; cpu_s: CPU time of the system's node process (not the server's)",
        `U = students (${studentsFor(1)} at K = 1, else ${studentsFor(16)}) × C = ${CONVERSATIONS} conversations of 5 messages, no memories; L = ${LATENCY_MS} ms`,
        `K = ${Object.keys(generationEnv(0)).join(' = ')}; goal: ratio ≤ 1.15 (figures from the persona's updated_at)`,
      ],
    };
  },
};
