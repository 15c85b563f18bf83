import {
  type BrainFailureBody,
  type BrainResponseBody,
  EnqueuedJob,
  type EnqueueGenerationBody,
  FlowConfig,
  GenerationJobRecord,
  type GeneratorRevisionBody,
  type JobCompleteBody,
  type JobFailBody,
  JobStarted,
  type JobStopBody,
  MemoryRecord,
  MessageRecord,
  type ModelCallEntry,
  PromptVersionRecord,
  RevisionWithPersona,
  TurnContextRecord,
} from '@coach/core';
import { z } from 'zod';

/** The Backend answered with an error; `status` tells 404 (absent) from real failures. */
export class BackendError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export interface BuiltinPrompt {
  name: string;
  description: string;
  prompt_text: string;
}

const MessagesForBrain = z.object({ messages: z.array(MessageRecord) });
const EnsureResult = z.object({ created: z.array(z.string()), existing: z.array(z.string()) });

/**
 * Everything the Brain reads or writes goes through the Backend's internal routes (docs/api/internal.md:
 * the Brain never touches application tables). Answers are parsed with the shared schemas.
 */
export function createBackendClient(options: { baseUrl: string; token: string; timeoutMs?: number }) {
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const response = await fetch(`${options.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${options.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) {
      let detail = text;
      try {
        detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
      } catch {
        // keep the raw text
      }
      throw new BackendError(response.status, `${method} ${path} answered ${response.status}: ${detail}`);
    }
    return schema.parse(text === '' ? null : JSON.parse(text));
  }

  return {
    async getUserMemories(userId: number) {
      return call('GET', `/api/internal/users/${userId}/memories`, z.array(MemoryRecord));
    },
    async getMessages(conversationId: number) {
      const result = await call(
        'GET',
        `/api/internal/conversations/${conversationId}/messages_for_brain`,
        MessagesForBrain,
      );
      return result.messages;
    },
    /** Every prompt's version for the purpose (production for chat, active for test-prompt), by name. */
    async getPromptVersions(purpose: 'chat' | 'test-prompt') {
      return call('GET', `/api/internal/prompts/versions-for/${purpose}`, z.record(z.string(), PromptVersionRecord));
    },
    async ensurePrompts(prompts: BuiltinPrompt[]) {
      return call('POST', '/api/internal/prompts/ensure', EnsureResult, { prompts });
    },
    /** Everything a chat turn reads, in one request. */
    async getTurnContext(conversationId: number, purpose: 'chat' | 'test-prompt') {
      return call(
        'GET',
        `/api/internal/conversations/${conversationId}/turn_context?purpose=${purpose}`,
        TurnContextRecord,
      );
    },
    async getFlowConfig() {
      return call('GET', '/api/internal/flow-config', FlowConfig);
    },
    async setFlowConfig(config: FlowConfig) {
      return call('PUT', '/api/internal/flow-config', FlowConfig, config);
    },
    async postBrainResponse(body: BrainResponseBody) {
      return call(
        'POST',
        '/api/internal/brain_response',
        z.object({ message_id: z.number(), duplicate: z.boolean() }),
        body,
      );
    },
    async postBrainFailure(body: BrainFailureBody) {
      await call('POST', '/api/internal/brain_failure', z.unknown(), body);
    },
    async upsertMemory(conversationId: number, memoryData: Record<string, unknown>) {
      return call('POST', '/api/memories', MemoryRecord, { conversation_id: conversationId, memory_data: memoryData });
    },
    /**
     * The generator's persona as a new revision: the Backend checks the evidence claims against the
     * student's memories and messages, and the review policy decides whether it becomes current.
     */
    async createPersonaRevision(userId: number, body: GeneratorRevisionBody) {
      return call('POST', `/api/internal/users/${userId}/persona-revisions`, RevisionWithPersona, body);
    },
    /** Puts generation work on the durable queue (the Backend creates the job row with it). */
    async enqueueGeneration(task: EnqueueGenerationBody) {
      return call('POST', '/api/internal/jobs', EnqueuedJob, task);
    },
    // a generation job's reports; 409 means the job is settled or another attempt's
    /** The attempt begins; the answer says what it may spend. */
    async startJob(jobId: number, body: { attempt: number }) {
      return call('POST', `/api/internal/jobs/${jobId}/start`, JobStarted, body);
    },
    async reportJobProgress(jobId: number, body: { attempt: number; done: number; total: number }) {
      return call('POST', `/api/internal/jobs/${jobId}/progress`, GenerationJobRecord, body);
    },
    async completeJob(jobId: number, body: JobCompleteBody) {
      return call('POST', `/api/internal/jobs/${jobId}/complete`, GenerationJobRecord, body);
    },
    async failJob(jobId: number, body: JobFailBody) {
      return call('POST', `/api/internal/jobs/${jobId}/fail`, GenerationJobRecord, body);
    },
    async stopJob(jobId: number, body: JobStopBody) {
      return call('POST', `/api/internal/jobs/${jobId}/stop`, GenerationJobRecord, body);
    },
    /** A batch of the model usage ledger (the recorder's buffer); answers how many the Backend kept. */
    async recordModelCalls(calls: ModelCallEntry[]) {
      return call('POST', '/api/internal/model-calls', z.object({ recorded: z.number() }), { calls });
    },
  };
}
export type BackendClient = ReturnType<typeof createBackendClient>;
