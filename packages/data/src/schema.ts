import type {
  GenerationJobType,
  JobState,
  ModelCallOutcome,
  PersonaDiffEntry,
  PersonaEvidence,
  PersonaReviewPolicy,
  PersonaRevisionSource,
  PersonaRevisionStatus,
  SafetyFlag,
} from '@coach/core';
import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * A conversation's memory is missing or older than its last message (docs/GENERATION.md: it needs a memory when,
 * besides, it has a message). The user-scoped selections ask it on their own; the global one reads
 * `needs_memory`, the column computed from it.
 */
export function memoryIsStale(c: { memoryUpdatedAt: AnyPgColumn; updatedAt: AnyPgColumn }): SQL {
  return sql`(${c.memoryUpdatedAt} is null or ${c.memoryUpdatedAt} < ${c.updatedAt})`;
}

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    phoneNumber: text('phone_number').unique(),
    name: text('name').unique(),
    createdAt: createdAt(),
    // mirrors kept by triggers (migration 0001): the latest of their memories' updated_at, and their
    // persona's updated_at; null when there is none
    memoriesUpdatedAt: timestamp('memories_updated_at', { withTimezone: true, mode: 'date' }),
    personaUpdatedAt: timestamp('persona_updated_at', { withTimezone: true, mode: 'date' }),
    // a memory, and no persona or one older than a memory; a column, so the planner knows how many
    needsPersona: boolean('needs_persona')
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`memories_updated_at is not null and (persona_updated_at is null or persona_updated_at < memories_updated_at)`,
      ),
  },
  (t) => [
    check('users_has_identity', sql`${t.phoneNumber} is not null or ${t.name} is not null`),
    // the operator's student list, newest first
    index('users_created_idx').on(t.createdAt.desc(), t.id.desc()),
    // "students needing a persona": only those students are in it, so counting them reads nothing else
    index('users_needing_persona_idx').on(t.id).where(sql`${t.needsPersona}`),
  ],
);

export const conversations = pgTable(
  'conversations',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull().default('New Chat'),
    promptVersionId: integer('prompt_version_id').references(() => promptVersions.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    // the last message's time (a rename is not activity)
    updatedAt: updatedAt(),
    // set with updated_at when a message is stored
    hasMessages: boolean('has_messages').notNull().default(false),
    // a mirror of its memory's updated_at kept by triggers (migration 0001); null when it has none
    memoryUpdatedAt: timestamp('memory_updated_at', { withTimezone: true, mode: 'date' }),
    // a message, and its memory missing or stale (memoryIsStale); a column, so the planner knows how many
    needsMemory: boolean('needs_memory')
      .notNull()
      .generatedAlwaysAs(
        (): SQL => sql`has_messages and (memory_updated_at is null or memory_updated_at < updated_at)`,
      ),
  },
  (t) => [
    // the sidebar (newest first) and the user-scoped "needs memory" selection
    index('conversations_user_updated_idx').on(t.userId, t.updatedAt.desc(), t.id.desc()),
    // the global "needs memory" selection: only the conversations needing one, the longest idle first
    index('conversations_needing_memory_idx').on(t.updatedAt, t.id).where(sql`${t.needsMemory}`),
    index('conversations_prompt_version_idx').on(t.promptVersionId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: serial('id').primaryKey(),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    content: text('content').notNull(),
    isUser: boolean('is_user').notNull(),
    timestamp: timestamp('timestamp', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    respondsToMessageId: integer('responds_to_message_id').references((): any => messages.id, {
      onDelete: 'cascade',
    }),
    // what the student asked for: chat / test-prompt get a reply, test does not
    purpose: text('purpose').notNull().default('chat'),
    // set when the Brain gave up on this user message; the response route reports it
    replyError: text('reply_error'),
    // a coach message's clarification, from the Brain's typed reply (migration 0003 read older ones out
    // of their pipeline data): the next student message answers it
    needsClarification: boolean('needs_clarification').notNull().default(false),
    followUpQuestions: text('follow_up_questions').array().notNull().default(sql`'{}'::text[]`),
    originalQuery: text('original_query'),
    // what the safety screen found in this message (docs/SAFETY.md); shown to operators, never to students
    safetyFlags: jsonb('safety_flags').$type<SafetyFlag[]>().notNull().default([]),
    // a student message the screen blocked: what models read later (history, memories) holds a marker
    // in its place, never the child's words (docs/SAFETY.md)
    withheldFromModels: boolean('withheld_from_models').notNull().default(false),
  },
  (t) => [
    index('messages_conversation_idx').on(t.conversationId, t.timestamp, t.id),
    // at most one AI reply per user message: a repeated Brain callback cannot duplicate it
    uniqueIndex('messages_responds_to_unique').on(t.respondsToMessageId),
  ],
);

export const messagePipelineData = pgTable('message_pipeline_data', {
  id: serial('id').primaryKey(),
  messageId: integer('message_id')
    .notNull()
    .unique()
    .references(() => messages.id, { onDelete: 'cascade' }),
  pipelineData: jsonb('pipeline_data').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
});

export const conversationMemories = pgTable('conversation_memories', {
  id: serial('id').primaryKey(),
  conversationId: integer('conversation_id')
    .notNull()
    .unique()
    .references(() => conversations.id, { onDelete: 'cascade' }),
  memoryData: jsonb('memory_data').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
  // mirrored onto its conversation and student by triggers (migration 0001), where the selections read it
  updatedAt: updatedAt(),
});

/**
 * A student's current persona: the materialized latest approved revision (`revision_id`), written in the
 * same transaction that approves it, so every reader of a persona sees only approved ones.
 */
export const userPersonas = pgTable('user_personas', {
  id: serial('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  personaData: jsonb('persona_data').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  revisionId: integer('revision_id').references((): AnyPgColumn => personaRevisions.id, { onDelete: 'set null' }),
});

/**
 * Every write of a persona (docs/api/persona-revisions.md). Immutable but for its decision: `status`,
 * `decided_at` and `reason`. `job_id` names the generation job that wrote it, without a foreign key: the
 * revision outlives the job's bookkeeping.
 */
export const personaRevisions = pgTable(
  'persona_revisions',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    status: text('status').$type<PersonaRevisionStatus>().notNull(),
    source: text('source').$type<PersonaRevisionSource>().notNull(),
    personaData: jsonb('persona_data').$type<Record<string, unknown>>().notNull(),
    diff: jsonb('diff').$type<PersonaDiffEntry[]>().notNull(),
    evidence: jsonb('evidence').$type<Record<string, PersonaEvidence[]>>().notNull().default({}),
    unsupportedKeys: text('unsupported_keys').array().notNull().default(sql`'{}'::text[]`),
    flaggedKeys: text('flagged_keys').array().notNull().default(sql`'{}'::text[]`),
    jobId: integer('job_id'),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    // who decided: an audit actor ({kind: 'staff', staff_id, email} or {kind: 'token'}), null while pending
    decidedBy: jsonb('decided_by').$type<AuditActor>(),
    reason: text('reason'),
  },
  (t) => [
    check('persona_revisions_status', sql`${t.status} in ('approved', 'pending', 'rejected', 'superseded')`),
    check('persona_revisions_source', sql`${t.source} in ('generator', 'operator', 'restore')`),
    // numbers count 1, 2, 3 … per student; also the student's history, newest first
    uniqueIndex('persona_revisions_user_number_unique').on(t.userId, t.number),
    // the review queue, oldest first, by status
    index('persona_revisions_status_created_idx').on(t.status, t.createdAt, t.id),
  ],
);

/** A student's "this is not right" about their persona, for an operator to resolve. */
export const personaCorrections = pgTable(
  'persona_corrections',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').$type<'open' | 'resolved'>().notNull().default('open'),
    key: text('key'),
    text: text('text').notNull(),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    // who resolved it: an audit actor, null while open
    resolvedBy: jsonb('resolved_by').$type<AuditActor>(),
    note: text('note'),
  },
  (t) => [
    check('persona_corrections_status', sql`${t.status} in ('open', 'resolved')`),
    // the operators' queue, oldest first, by status
    index('persona_corrections_status_created_idx').on(t.status, t.createdAt, t.id),
    // deleting a student deletes their requests; the export reads them
    index('persona_corrections_user_idx').on(t.userId),
  ],
);

/**
 * A message the safety screen judged a child may be at risk in (docs/api/safety.md), for an adult to act on
 * and resolve. `excerpt` is the flagged message cut short, shown only to operators. The alert outlives a
 * deleted conversation or message (their ids go null): an adult must still see it; erasing the student
 * erases it.
 */
export const safetyAlerts = pgTable(
  'safety_alerts',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    messageId: integer('message_id').references(() => messages.id, { onDelete: 'set null' }),
    category: text('category').notNull(),
    severity: text('severity').notNull(),
    excerpt: text('excerpt').notNull(),
    status: text('status').$type<'open' | 'resolved'>().notNull().default('open'),
    note: text('note'),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    // who resolved it: an audit actor, null while open
    resolvedBy: jsonb('resolved_by').$type<AuditActor>(),
  },
  (t) => [
    check('safety_alerts_status', sql`${t.status} in ('open', 'resolved')`),
    // the operators' list by status, newest first; also the navigation's open count
    index('safety_alerts_status_created_idx').on(t.status, t.createdAt.desc(), t.id.desc()),
    // erasing a student, and the set null of a deleted conversation or message, find their rows here
    index('safety_alerts_user_idx').on(t.userId),
    index('safety_alerts_conversation_idx').on(t.conversationId).where(sql`${t.conversationId} is not null`),
    index('safety_alerts_message_idx').on(t.messageId).where(sql`${t.messageId} is not null`),
  ],
);

/** Operator settings: one row (`id` is always true), written on first start from the environment. */
export const settings = pgTable(
  'settings',
  {
    id: boolean('id').primaryKey().default(true),
    personaReview: text('persona_review').$type<PersonaReviewPolicy>().notNull().default('off'),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('settings_single_row', sql`${t.id}`),
    check('settings_persona_review', sql`${t.personaReview} in ('off', 'changes', 'all')`),
  ],
);

export const prompts = pgTable('prompts', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  description: text('description'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const promptVersions = pgTable(
  'prompt_versions',
  {
    id: serial('id').primaryKey(),
    promptId: integer('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    versionNumber: integer('version_number').notNull(),
    promptText: text('prompt_text').notNull(),
    isActive: boolean('is_active').notNull().default(false),
    isProduction: boolean('is_production').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('prompt_versions_number_unique').on(t.promptId, t.versionNumber),
    uniqueIndex('prompt_versions_one_active').on(t.promptId).where(sql`${t.isActive}`),
    uniqueIndex('prompt_versions_one_production').on(t.promptId).where(sql`${t.isProduction}`),
    index('prompt_versions_user_idx').on(t.userId),
  ],
);

export const userFeedback = pgTable(
  'user_feedback',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    feedbackData: jsonb('feedback_data').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('user_feedback_user_idx').on(t.userId)],
);

/**
 * Durable memory/persona generation jobs: what an operator follows through `GET /api/tasks/jobs/{id}`.
 * Each row is created in the same transaction as its pg-boss job; the Brain reports on it through the
 * internal job routes. `scope` names what a job is about (`user:7`, `conversation:12`, `all`): at most
 * one job of a type per scope is queued or running, so a second request joins the first.
 */
export const generationJobs = pgTable(
  'generation_jobs',
  {
    id: serial('id').primaryKey(),
    type: text('type').$type<GenerationJobType>().notNull(),
    scope: text('scope'),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    state: text('state').$type<JobState>().notNull().default('queued'),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    /** Why a `stopped` job stopped (`budget`); null in every other state. */
    stopReason: text('stop_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('generation_jobs_state', sql`${t.state} in ('queued', 'running', 'completed', 'failed', 'stopped')`),
    // a second request for the same thing joins the active job (insert … on conflict do nothing)
    uniqueIndex('generation_jobs_one_active_per_scope')
      .on(t.type, t.scope)
      .where(sql`${t.state} in ('queued', 'running')`),
    // deleting a student deletes their jobs (the cascade looks them up by user)
    index('generation_jobs_user_idx').on(t.userId),
  ],
);

/** The Brain's FlowConfig (the original kept it in S3): one row per named document. */
export const flowConfigs = pgTable('flow_configs', {
  name: text('name').primaryKey(),
  config: jsonb('config').$type<Record<string, unknown>>().notNull(),
  updatedAt: updatedAt(),
});

/**
 * Fixed-window request counters every replica shares (logins per identifier and per address, messages
 * per student): one row per key, whose window starts at its first hit. Keys are keyed hashes, so no
 * phone number, name or address is stored. Bookkeeping rather than application data, so it is not in
 * `schema`: counting a refused request is the point, and a hash is nothing to export or erase.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
    hits: integer('hits').notNull(),
  },
  // the sweep of ended windows reads only those rows
  (t) => [index('rate_limit_counters_window_idx').on(t.windowStart)],
);

/**
 * The model usage ledger (docs/api/usage.md): one row per model call attempt the Brain made. Whom it served
 * is kept for the reports; a student's rows go with them (cascade), a deleted conversation, message or
 * job only leaves its id null. Never the prompt or the reply.
 */
export const modelCalls = pgTable(
  'model_calls',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // when the attempt started: the reports' time axis
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    callType: text('call_type').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    outcome: text('outcome').$type<ModelCallOutcome>().notNull(),
    failureKind: text('failure_kind'),
    // at the prices configured when the call was made; null: the model had no price
    costUsd: numeric('cost_usd', { precision: 20, scale: 12, mode: 'number' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    messageId: integer('message_id').references(() => messages.id, { onDelete: 'set null' }),
    jobId: integer('job_id').references(() => generationJobs.id, { onDelete: 'set null' }),
  },
  (t) => [
    check('model_calls_outcome', sql`${t.outcome} in ('ok', 'failed')`),
    // the reports: a date range, grouped
    index('model_calls_created_idx').on(t.createdAt),
    // a student's rows (the cascade on delete, the report by student); a job's usage
    index('model_calls_user_idx').on(t.userId).where(sql`${t.userId} is not null`),
    index('model_calls_job_idx').on(t.jobId).where(sql`${t.jobId} is not null`),
    // what deleting a conversation or a message sets null finds its rows here
    index('model_calls_conversation_idx').on(t.conversationId).where(sql`${t.conversationId} is not null`),
    index('model_calls_message_idx').on(t.messageId).where(sql`${t.messageId} is not null`),
  ],
);

/** Who made an operator write: a staff member, or a caller with the admin token (docs/api/staff-and-audit.md). */
export type AuditActor = { kind: 'staff'; staff_id: number; email: string } | { kind: 'token' };

export type StaffRole = 'admin' | 'reviewer' | 'viewer';

/**
 * Operators who sign in as themselves (docs/api/staff-and-audit.md). `password_hash` is a scrypt hash with
 * its salt and parameters (`scrypt$N$r$p$salt$hash`); `token_version` is written into every access token and
 * bumped when the member is disabled or changes password, so older tokens stop at once.
 */
export const staff = pgTable(
  'staff',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<StaffRole>().notNull(),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    tokenVersion: integer('token_version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('staff_role', sql`${t.role} in ('admin', 'reviewer', 'viewer')`),
    // one member per address, whatever its case; also the sign-in's lookup
    uniqueIndex('staff_email_unique').on(sql`lower(${t.email})`),
  ],
);

/**
 * Every operator write, written in the transaction of the change it records. `target_id` is text (a prompt
 * may be named); `details` holds what the change was, and `user_id` when it concerns a student, so deleting
 * the student can reduce the entry to the id.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    createdAt: createdAt(),
    actorKind: text('actor_kind').$type<AuditActor['kind']>().notNull(),
    actorStaffId: integer('actor_staff_id').references(() => staff.id),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    check('audit_log_actor_kind', sql`${t.actorKind} in ('staff', 'token')`),
    // the log, newest first; by member; by action
    index('audit_log_created_idx').on(t.createdAt, t.id),
    index('audit_log_actor_created_idx').on(t.actorStaffId, t.createdAt),
    index('audit_log_action_created_idx').on(t.action, t.createdAt),
    // deleting a student finds the entries about them
    index('audit_log_user_idx').on(sql`((${t.details}->>'user_id')::int)`).where(sql`${t.details} ? 'user_id'`),
  ],
);

/**
 * Data migrations that ran: one-off steps over stored rows that SQL migrations cannot express, run once
 * at start-up after the SQL migrations (packages/data/src/data-migrations). `details` holds what the
 * step reports (counts only, never stored text).
 */
export const dataMigrations = pgTable('data_migrations', {
  name: text('name').primaryKey(),
  appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
});

export const schema = {
  users,
  conversations,
  messages,
  messagePipelineData,
  conversationMemories,
  userPersonas,
  personaRevisions,
  personaCorrections,
  safetyAlerts,
  prompts,
  promptVersions,
  userFeedback,
  flowConfigs,
  generationJobs,
  settings,
  staff,
  auditLog,
  dataMigrations,
};
