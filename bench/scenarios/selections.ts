import { migrateDatabase, openDatabase } from '@coach/data';
import type { JobQueue } from '@coach/runtime';
import type pg from 'pg';
import { createApp, createAppContext } from '../../apps/backend/src/app.ts';
import { loadConfig } from '../../apps/backend/src/config.ts';
import { createSelectionsRepository } from '../../apps/backend/src/tasks/repository.ts';
import { benchServer, createDatabase, dropDatabase } from '../databases.ts';
import type { DatabaseKind, Scenario } from '../scenario.ts';
import { type CoachDataShape, seedCoachData } from '../seed.ts';
import { percentile } from '../system-process.ts';

const SCALES = [10_000, 100_000, 1_000_000];
const QUICK_SCALES = [10_000, 100_000];
/** Each query runs this many times, or for this long, whichever ends first. */
const REPETITIONS = 300;
const MAX_SECONDS_PER_QUERY = 15;
/** The Backend's default (MEMORY_INACTIVITY_THRESHOLD_HOURS). */
const IDLE_HOURS = 24;

/**
 * Ten conversations a student, their last activity spread over 90 days up to now; memories as a daily
 * schedule leaves them (every conversation idle for over 36 h has one but 1 % whose generation failed;
 * one in ten of the conversations active since then was an old one the student came back to), and 95 %
 * of the students with memories have a persona (3 % of those older than their latest memory).
 */
function shapeFor(conversations: number): CoachDataShape {
  return {
    students: conversations / 10,
    conversationsPerStudent: 10,
    messagesPerConversation: 5,
    spanDays: 90,
    newestHoursAgo: 0,
    memories: { missingShare: 0.01, returnedShare: 0.1 },
    personas: { share: 0.95, staleShare: 0.03 },
  };
}

interface Timed {
  name: string;
  /** The index the plan should read (its size is reported). */
  index: string;
  run: (i: number) => Promise<unknown>;
}

/**
 * The partial indexes, as the load left them: every conversation and every student went through them
 * (needing a memory, then a persona) and out again, as in a live system, so the few rows still in them
 * are spread over pages that held all the others, which VACUUM empties but B-tree cannot merge.
 */
const CHURNED = ['conversations_needing_memory_idx', 'users_needing_persona_idx'];

/** The SQL statements a call sends, recorded from the pool, to EXPLAIN them afterwards. */
function recordQueries(pool: pg.Pool) {
  const recorded: Array<{ text: string; values: unknown[] }> = [];
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  let on = false;
  // Drizzle calls pool.query({ text, rowMode, types }, values)
  (pool as unknown as { query: unknown }).query = (config: { text?: string }, values?: unknown[]) => {
    if (on && typeof config?.text === 'string') recorded.push({ text: config.text, values: values ?? [] });
    return query(config, values);
  };
  return {
    async during(work: () => Promise<unknown>) {
      recorded.length = 0;
      on = true;
      try {
        await work();
      } finally {
        on = false;
      }
      return [...recorded];
    },
  };
}

/**
 * The plan's top nodes as EXPLAIN prints them, with the buffers the whole statement touched (the first
 * node's) and its execution time.
 */
function topNodes(plan: string[], maxNodes = 8): string[] {
  const nodes = plan.filter((line, i) => i === 0 || line.includes('->'));
  const buffers = plan.find((line) => line.trim().startsWith('Buffers:'));
  const time = plan.find((line) => line.startsWith('Execution Time'));
  return [
    ...nodes.slice(0, maxNodes),
    ...(nodes.length > maxNodes ? ['  …'] : []),
    ...(buffers ? [`  (statement) ${buffers.trim()}`] : []),
    ...(time ? [time] : []),
  ];
}

/**
 * One scale on one server: a database loaded with `conversations` conversations, each query timed,
 * and (`explain`) the plans of its statements; the database is dropped after.
 */
async function measureScale(
  kind: DatabaseKind,
  serverUrl: string,
  conversations: number,
  explain: boolean,
  log: (line: string) => void,
) {
  const rows: Array<Record<string, string | number>> = [];
  const plans: string[] = [];
  const databaseUrl = await createDatabase(serverUrl);
  const database = openDatabase({ databaseUrl });
  let preview: Awaited<ReturnType<typeof previewClient>> | undefined;
  try {
    await migrateDatabase(database);
    const shape = shapeFor(conversations);
    log(`${kind}: loading ${conversations.toLocaleString('en')} conversations`);
    await seedCoachData(database.db, shape, log);
    const recorder = recordQueries(database.pool);
    const selections = createSelectionsRepository(database.db);
    const idleBefore = () => new Date(Date.now() - IDLE_HOURS * 3_600_000);
    // students in a fixed pseudo-random order, so every run asks about the same ones
    const student = (i: number) => ((i * 7_919) % shape.students) + 1;
    preview = await previewClient(database);
    const queries: Timed[] = [
      {
        name: 'needing memory, one student (clamp -1)',
        index: 'conversations_user_updated_idx',
        run: (i) => selections.userConversationsForMemory(student(i), { onlyNeeding: true, includeEmpty: false }, null),
      },
      {
        name: 'needing memory, global (clamp 100)',
        index: 'conversations_needing_memory_idx',
        run: () => selections.conversationsNeedingMemory(idleBefore(), 100),
      },
      {
        name: 'needing persona (clamp 100)',
        index: 'users_needing_persona_idx',
        run: () => selections.usersNeedingPersona(100),
      },
      {
        name: 'prompt preview, one student (whole request)',
        index: 'conversations_user_updated_idx',
        run: (i) => preview!(student(i)),
      },
    ];
    // then the two on partial indexes again, once those are rebuilt: what the churn above costs
    const reindexed = queries
      .filter((q) => CHURNED.includes(q.index))
      .map((q) => ({ ...q, name: `${q.name}, after REINDEX` }));
    for (const query of [...queries, 'reindex' as const, ...reindexed]) {
      if (query === 'reindex') {
        for (const index of CHURNED) await database.pool.query(`reindex index ${index}`);
        continue;
      }
      for (let i = 0; i < 5; i++) await query.run(i); // warm-up: caches and prepared plans
      const times: number[] = [];
      let eligible = 0;
      const deadline = performance.now() + MAX_SECONDS_PER_QUERY * 1000;
      for (let i = 0; i < REPETITIONS && performance.now() < deadline; i++) {
        const started = performance.now();
        const found = (await query.run(i)) as { eligible?: number };
        times.push(performance.now() - started);
        eligible = found.eligible ?? 0;
      }
      times.sort((a, b) => a - b);
      const pages = await database.pool.query<{ pages: string }>(
        'select pg_relation_size($1::regclass) / 8192 as pages',
        [query.index],
      );
      const row = {
        db: kind,
        conversations: conversations.toLocaleString('en'),
        query: query.name,
        index_pages: Number(pages.rows[0]!.pages),
        runs: times.length,
        median_ms: round(percentile(times, 50)),
        p95_ms: round(percentile(times, 95)),
        eligible_last: eligible,
      };
      log(JSON.stringify(row));
      rows.push(row);
      if (!explain) continue;
      plans.push('', `${kind}: ${query.name}, ${conversations.toLocaleString('en')} conversations:`);
      for (const statement of await recorder.during(() => query.run(1))) {
        const explained = await database.pool.query(`explain (analyze, buffers) ${statement.text}`, statement.values);
        const plan = explained.rows.map((r: Record<string, string>) => r['QUERY PLAN']!);
        plans.push(...topNodes(plan).map((line) => `    ${line}`));
      }
    }
  } finally {
    await preview?.close();
    await database.close();
    await dropDatabase(serverUrl, databaseUrl);
  }
  return { rows, plans };
}

const ADMIN_TOKEN = 'bench-admin-token-0123456789';

/**
 * `POST /api/prompts/{p}/preview` as an operator's editor sends it while typing (an unsaved text with a
 * persona, a memory and the history), through the Backend's own app on the loaded database: routing,
 * validation and the reads it makes, without a socket. The preview uses no queue.
 */
async function previewClient(database: ReturnType<typeof openDatabase>) {
  const context = createAppContext({
    config: loadConfig({}),
    secrets: { adminToken: ADMIN_TOKEN, internalToken: 'unused-internal', tokenSecret: 'unused', fromDataDir: [] },
    database,
    queue: {} as JobQueue,
  });
  const app = await createApp(context);
  await app.ready();
  const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const created = await app.inject({
    method: 'POST',
    url: '/api/prompts',
    headers,
    payload: { name: 'bench_preview', initial_version_text: 'Hi {{QUERY}}' },
  });
  if (created.statusCode !== 201) throw new Error(`creating the preview prompt answered ${created.statusCode}`);
  const text =
    'About you: {{USER_PERSONA__persona__inferred_interests}}\nSo far: {{CONVERSATION_MEMORY}}\n' +
    '{{CONVERSATION_HISTORY}}\nStudent: {{QUERY}}';
  const run = async (userId: number) => {
    const answer = await app.inject({
      method: 'POST',
      url: '/api/prompts/bench_preview/preview',
      headers,
      payload: { user_id: userId, prompt_text: text, query: 'Why is lava hot?' },
    });
    if (answer.statusCode !== 200) throw new Error(`preview answered ${answer.statusCode}: ${answer.body}`);
    return {};
  };
  return Object.assign(run, { close: () => app.close() });
}

/**
 * Scenario 3: the generation selections at 10k, 100k and 1M conversations, loaded with
 * INSERT … SELECT generate_series, timed through the Backend's own repository functions, with the
 * plans PostgreSQL chose for them at the largest scale; the two on partial indexes once more after
 * REINDEX. On the external server, and on an embedded one started for the run.
 */
export const selections: Scenario = {
  name: 'selections',
  title: 'Generation selections at scale',
  async run({ databases, postgresUrl, quick, log }) {
    const rows = [];
    const summary: string[] = [
      'index_pages: size of the index the plan reads; eligible_last: the count the last call answered',
      '(the count is exact, so it reads every eligible row: its time follows eligible_last, not the table);',
      'goals: one student ≤ 2 ms, global ≤ 20 ms, ≤ 1.5× growth from 10k to 1M',
    ];
    const scales = quick ? QUICK_SCALES : SCALES;
    for (const kind of databases) {
      const server = await benchServer(kind, postgresUrl);
      try {
        for (const scale of scales) {
          const measured = await measureScale(kind, server.url, scale, scale === scales.at(-1), log);
          rows.push(...measured.rows);
          summary.push(...measured.plans);
        }
      } finally {
        await server.stop();
      }
    }
    return { rows, summary };
  },
};

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
