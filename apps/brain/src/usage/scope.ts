import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallBudget } from './budget.ts';

/** Whom a model call served; set where the work starts, read by the LLM client for the ledger. */
export interface ModelCallScope {
  userId?: number | null | undefined;
  conversationId?: number | null | undefined;
  messageId?: number | null | undefined;
  jobId?: number | null | undefined;
  /** The generation job's budget: the LLM client asks it before each attempt and tells it what each used. */
  budget?: CallBudget | undefined;
}

// one store for the process: it holds no state of its own, each piece of work carries its scope
const scopes = new AsyncLocalStorage<ModelCallScope>();

/** Runs `work` with `scope` added to the one it runs in (a memory item inside its job keeps the job id). */
export function withModelCallScope<T>(scope: ModelCallScope, work: () => T): T {
  return scopes.run({ ...scopes.getStore(), ...scope }, work);
}

export function currentModelCallScope(): ModelCallScope {
  return scopes.getStore() ?? {};
}
