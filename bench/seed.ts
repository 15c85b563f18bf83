import type { Db } from '@coach/data';
import { sql } from 'drizzle-orm';

/**
 * What to load: students with conversations of alternating student/coach messages, some of them with
 * a memory and some students with a persona. Conversation `c` belongs to student `(c - 1) % students + 1`,
 * so every student's conversations are spread over the whole time span, as in a live system.
 */
export interface CoachDataShape {
  students: number;
  conversationsPerStudent: number;
  messagesPerConversation: number;
  /** Conversations' last activity is spread evenly from `spanDays` ago up to `newestHoursAgo` ago. */
  spanDays: number;
  newestHoursAgo: number;
  /** Memories as a daily generation schedule leaves them; none when absent. */
  memories?: {
    /** Share (0–1) of the conversations idle for over 36 h without a memory (their generation failed). */
    missingShare: number;
    /** Share of the conversations active in the last 36 h whose memory predates it (the student came back). */
    returnedShare: number;
  };
  /** Personas of the students with memories; none when absent. */
  personas?: {
    share: number;
    /** Share of those older than the student's latest memory. */
    staleShare: number;
  };
}

/** Conversations loaded per statement: a progress line each, and no transaction too large. */
const CHUNK = 100_000;

const STUDENT_TEXT = 'Why does the moon change its shape every night?';
const COACH_TEXT =
  'Great question! The moon does not really change shape: we see different parts of its sunlit half as it ' +
  'goes around the Earth. What do you think a full moon means?';

/**
 * Loads `shape` into an empty, migrated database with `INSERT … SELECT generate_series`, in chunks of
 * conversations, then VACUUM ANALYZE (so the planner knows the tables and index-only scans work).
 * Ids are set explicitly and the sequences moved past them, so the system can go on inserting.
 */
export async function seedCoachData(db: Db, shape: CoachDataShape, log: (line: string) => void): Promise<void> {
  const conversations = shape.students * shape.conversationsPerStudent;
  const m = shape.messagesPerConversation;
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  await db.execute(sql`
    insert into users (id, name, created_at)
    select u, 'student-' || u, now() - make_interval(days => ${shape.spanDays + 1})
    from generate_series(1, ${shape.students}::int) as u`);

  // conversation c's last activity: evenly spread, the oldest first, so ids follow time as they do live
  const span = `(make_interval(days => ${shape.spanDays}) - make_interval(hours => ${shape.newestHoursAgo}))`;
  const lastActivity = (c: string) =>
    `now() - make_interval(hours => ${shape.newestHoursAgo}) - ${span} * (1 - ${c}::float8 / ${conversations})`;

  for (let from = 1; from <= conversations; from += CHUNK) {
    const to = Math.min(conversations, from + CHUNK - 1);
    await db.transaction(async (tx) => {
      // the rows are consistent by construction: skip the foreign-key checks, the bulk of the load
      await tx.execute(sql.raw('set local session_replication_role = replica'));
      await tx.execute(
        sql.raw(`
      insert into conversations (id, user_id, title, created_at, updated_at, has_messages)
      select c, (c - 1) % ${shape.students} + 1, 'Topic ' || c,
             ${lastActivity('c')} - make_interval(mins => ${m - 1}), ${lastActivity('c')}, true
      from generate_series(${from}, ${to}) as c`),
      );
      // message k (0-based) of conversation c: the student's on even k, the coach's reply to it on odd k
      await tx.execute(
        sql.raw(`
      insert into messages (id, conversation_id, content, is_user, timestamp, responds_to_message_id, purpose)
      select (c - 1) * ${m} + k + 1, c,
             case when k % 2 = 0 then '${STUDENT_TEXT}' else '${COACH_TEXT.replaceAll("'", "''")}' end,
             k % 2 = 0,
             ${lastActivity('c')} - make_interval(mins => ${m - 1} - k),
             case when k % 2 = 1 then (c - 1) * ${m} + k end,
             'chat'
      from generate_series(${from}, ${to}) as c, generate_series(0, ${m - 1}) as k`),
      );
    });
    log(`${to.toLocaleString('en')} / ${conversations.toLocaleString('en')} conversations (${elapsed()})`);
  }

  // the memory triggers look up each student's conversations: the planner needs to know the tables
  await db.execute(sql.raw('analyze users, conversations'));

  if (shape.memories) {
    const { missingShare, returnedShare } = shape.memories;
    // one statement: the triggers that mirror memory times then update each student once
    await db.execute(
      sql.raw(`
      insert into conversation_memories (conversation_id, memory_data, created_at, updated_at)
      select id, '{"main_topics": ["the moon"], "curiosity_score": 7}'::jsonb, stamp, stamp
      from (select id,
                   case when updated_at < now() - interval '36 hours'
                        then updated_at + interval '30 hours' -- written by the schedule after it went idle
                        else updated_at - interval '3 days' end as stamp, -- before the student came back
                   case when updated_at < now() - interval '36 hours'
                        then ${draw('id', 2_654_435_761)} >= ${missingShare}
                        else ${draw('id', 2_246_822_519)} < ${returnedShare} end as has_memory
            from conversations) c
      where has_memory`),
    );
    log(`memories loaded (${elapsed()})`);
  }

  if (shape.personas) {
    const { share, staleShare } = shape.personas;
    // written after the student's latest memory, or (stale) before it
    await db.execute(
      sql.raw(`
      insert into user_personas (user_id, persona_data, created_at, updated_at)
      select user_id, '{"persona": "Curious about space; likes examples."}'::jsonb, stamp, stamp
      from (select c.user_id,
                   case when ${draw('c.user_id', 3_266_489_917)} < ${staleShare}
                        then max(cm.updated_at) - interval '1 hour'
                        else max(cm.updated_at) + interval '1 hour' end as stamp
            from conversations c join conversation_memories cm on cm.conversation_id = c.id
            where ${draw('c.user_id', 668_265_263)} < ${share}
            group by c.user_id) p`),
    );
    log(`personas loaded (${elapsed()})`);
  }

  for (const table of ['users', 'conversations', 'messages', 'conversation_memories', 'user_personas']) {
    await db.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`,
      ),
    );
  }
  await db.execute(sql.raw('vacuum analyze'));
  log(`loaded and analyzed in ${elapsed()}`);
}

/**
 * A stable pseudo-random number in [0, 1) per id, the same in every run: a multiplicative hash (Weyl
 * sequence); different multipliers make the draws for different purposes independent of each other.
 */
function draw(id: string, multiplier: number): string {
  return `((${id}::bigint * ${multiplier}) % 4294967296 / 4294967296.0)`;
}
