import type {
  ConversationDto,
  DryRunAnswer,
  LoginResponse,
  MemoryTaskResponse,
  PersonaForUserResponse,
  PersonaTaskResponse,
  PostMessageResponse,
} from '@coach/backend';
import {
  type BrainResponseBody,
  GenerationJobRecord,
  type LintProblem,
  type LintWarning,
  PersonaRecord,
  PersonaRevisionRecord,
  RevisionWithPersona,
  UsageReport,
} from '@coach/core';
import { z } from 'zod';
import type { BackendClient } from './client.ts';
import { CliError } from './errors.ts';

/** A revision in the review queue: the student it is about comes with it. */
export const QueuedRevision = PersonaRevisionRecord.extend({ name: z.string().nullable().optional() });
export type QueuedRevision = z.infer<typeof QueuedRevision>;

export interface PromptLint {
  problems: LintProblem[];
  warnings: LintWarning[];
}

export interface StaffMember {
  id: number;
  email: string;
  name: string;
  role: 'admin' | 'reviewer' | 'viewer';
  disabled: boolean;
  created_at: string;
}

export interface AuditEntry {
  id: number;
  actor: { kind: 'staff' | 'token'; staff_id?: number; email?: string };
  action: string;
  target_type: string;
  target_id: string | null;
  details: Record<string, unknown>;
  created_at: string;
}

/** Ids and counts typed by the user are passed through as typed: the API validates them and says what is wrong. */
type Given = string | number;

/** `--max-calls`, `--max-tokens` and `--dry-run` of the generate commands (docs/api/tasks-and-jobs.md, Budgets). */
export interface GenerationControls {
  maxCalls?: Given | undefined;
  maxTokens?: Given | undefined;
  dryRun?: boolean | undefined;
}

const controlsQuery = (controls: GenerationControls = {}) => ({
  max_llm_calls: controls.maxCalls,
  max_tokens: controls.maxTokens,
  ...(controls.dryRun ? { dry_run: true } : {}),
});

/** A generate route's answer: the work queued, or with `--dry-run` what it would cost. */
export type OrDryRun<T> = T | DryRunAnswer;
export const isDryRun = (answer: object): answer is DryRunAnswer => 'dry_run' in answer;

export interface MemorySelection {
  onlyNeeding: boolean;
  includeEmpty: boolean;
  clamp?: Given | undefined;
}

/** The routes the CLI calls, named after what they do (docs/api/). */
export function createCoachApi(client: BackendClient) {
  const post = <T>(path: string, options?: Parameters<BackendClient['request']>[2]) =>
    client.request<T>('POST', path, options);
  const id = (value: Given) => encodeURIComponent(String(value).trim());

  return {
    url: client.url,

    generatePersonaForUser(
      userId: Given,
      options: { refreshMemories: boolean; clamp?: Given | undefined },
      controls?: GenerationControls,
    ) {
      return post<OrDryRun<PersonaForUserResponse>>(`/api/tasks/generate-persona-for-user/${id(userId)}`, {
        query: {
          generate_conversation_memories_if_not_found: options.refreshMemories,
          clamp: options.clamp,
          ...controlsQuery(controls),
        },
      });
    },

    triggerPersonaGeneration(clamp: Given = -1, controls?: GenerationControls) {
      return post<OrDryRun<PersonaTaskResponse>>('/api/tasks/trigger-user-persona-generation', {
        query: { clamp, ...controlsQuery(controls) },
      });
    },

    generateMemoriesForUser(userId: Given, selection: MemorySelection, controls?: GenerationControls) {
      return post<OrDryRun<MemoryTaskResponse>>(`/api/tasks/generate-memories-for-user/${id(userId)}`, {
        query: {
          only_needing: selection.onlyNeeding,
          include_empty: selection.includeEmpty,
          clamp: selection.clamp,
          ...controlsQuery(controls),
        },
      });
    },

    triggerMemoryGeneration(clamp: Given = -1, controls?: GenerationControls) {
      return post<OrDryRun<MemoryTaskResponse>>('/api/tasks/trigger-memory-generation', {
        query: { clamp, ...controlsQuery(controls) },
      });
    },

    /** `POST /api/tasks/jobs/{id}/resume`: a stopped job goes on with what it has left. */
    resumeJob(jobId: Given, controls?: GenerationControls) {
      return post<{ job_id: number }>(`/api/tasks/jobs/${id(jobId)}/resume`, {
        query: { max_llm_calls: controls?.maxCalls, max_tokens: controls?.maxTokens },
      });
    },

    /** `GET /api/admin/usage`: options passed as typed, for the API to check. */
    async usage(query: { from?: string | undefined; to?: string | undefined; group_by?: string | undefined }) {
      return parsed(UsageReport, await client.request('GET', '/api/admin/usage', { query }), 'usage report');
    },

    async job(jobId: Given): Promise<GenerationJobRecord> {
      return parsed(GenerationJobRecord, await client.request('GET', `/api/tasks/jobs/${id(jobId)}`), 'job status');
    },

    async persona(userId: Given): Promise<PersonaRecord> {
      return parsed(PersonaRecord, await client.request('GET', `/api/internal/users/${id(userId)}/persona`), 'persona');
    },

    /** A student's persona revisions, newest first. */
    async personaRevisions(userId: Given): Promise<PersonaRevisionRecord[]> {
      const body = await client.request('GET', `/api/users/${id(userId)}/persona/revisions`);
      return parsed(z.array(PersonaRevisionRecord), body, 'persona revisions');
    },

    /** Revisions waiting for review across students, oldest first. */
    async pendingRevisions(page: { limit: number; offset: number }): Promise<QueuedRevision[]> {
      const body = await client.request('GET', '/api/persona-revisions', { query: { status: 'pending', ...page } });
      return parsed(z.array(QueuedRevision), body, 'review queue');
    },

    async revision(revisionId: Given): Promise<PersonaRevisionRecord> {
      const body = await client.request('GET', `/api/persona-revisions/${id(revisionId)}`);
      return parsed(PersonaRevisionRecord, body, 'persona revision');
    },

    async approveRevision(revisionId: Given): Promise<RevisionWithPersona> {
      const body = await post(`/api/persona-revisions/${id(revisionId)}/approve`);
      return parsed(RevisionWithPersona, body, 'approval');
    },

    async rejectRevision(revisionId: Given, reason: string | undefined): Promise<PersonaRevisionRecord> {
      const body = await post(`/api/persona-revisions/${id(revisionId)}/reject`, { body: reason ? { reason } : {} });
      return parsed(PersonaRevisionRecord, body, 'rejection');
    },

    /** `POST /api/admin/staff`: a new staff member (never answering the password). */
    createStaff(member: { email: string; name: string; role: string; password: string }) {
      return post<StaffMember>('/api/admin/staff', { body: member });
    },

    listStaff() {
      return client.request<StaffMember[]>('GET', '/api/admin/staff');
    },

    updateStaff(staffId: Given, patch: { role?: string; name?: string; disabled?: boolean }) {
      return client.request<StaffMember>('PATCH', `/api/admin/staff/${id(staffId)}`, { body: patch });
    },

    /** `GET /api/admin/audit`: filters passed as typed, for the API to check. */
    audit(query: {
      actor_staff_id?: Given | undefined;
      action?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
      limit?: Given | undefined;
      offset?: Given | undefined;
    }) {
      return client.request<AuditEntry[]>('GET', '/api/admin/audit', { query });
    },

    login(identifier: string) {
      return post<LoginResponse>('/api/auth/login', { body: { identifier } });
    },

    createConversation(studentToken: string, title: string) {
      return post<ConversationDto>('/api/conversations', { token: studentToken, body: { title } });
    },

    /** Purpose `test` stores the message and asks no Brain for a reply (the caller writes it). */
    postTestMessage(studentToken: string, conversationId: number, content: string) {
      return post<PostMessageResponse>(`/api/conversations/${conversationId}/messages`, {
        token: studentToken,
        body: { content, purpose: 'test' },
      });
    },

    prompts() {
      return client.request<Array<{ id: number; name: string }>>('GET', '/api/prompts');
    },

    prompt(promptId: number) {
      return client.request<{ versions: Array<{ version_number: number; prompt_text: string }> }>(
        'GET',
        `/api/prompts/${promptId}`,
      );
    },

    lintPromptText(promptId: number, promptText: string) {
      return post<PromptLint>(`/api/prompts/${promptId}/lint`, { body: { prompt_text: promptText } });
    },

    /** The coach's reply, saved the way the Brain saves one (admin is accepted on internal routes). */
    postCoachReply(reply: BrainResponseBody) {
      return post<{ message_id: number }>('/api/internal/brain_response', { body: reply });
    },
  };
}
export type CoachApi = ReturnType<typeof createCoachApi>;

function parsed<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new CliError(`the Backend's ${what} has an unexpected shape (${issue?.path.join('.')}: ${issue?.message}).`);
}
