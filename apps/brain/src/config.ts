import type { TurnSafety } from '@coach/core';
import { loadProviderModeration, loadSafetySettings } from '@coach/runtime';
import { z } from 'zod';

const Env = z.object({
  BRAIN_PORT: z.coerce.number().int().min(0).max(65_535).default(8000),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(5000),
  BACKEND_URL: z.url().optional(),
  BRAIN_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  TURN_TIMEOUT_SECONDS: z.coerce.number().positive().max(3_600).default(90),
  GENERATION_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  MEMORY_GENERATION_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  GENERATION_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  PLACEHOLDER_MAX_LENGTH: z.coerce.number().int().min(20).optional(),
  MODEL_USAGE_LEDGER: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  MODEL_USAGE_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  // off only to measure what the screen costs (bench): a school's system keeps it on
  SAFETY_SCREEN: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
});

export interface BrainConfig {
  port: number;
  host: string;
  backendUrl: string;
  /** Chat turns one Brain process works on at once. */
  turnConcurrency: number;
  /** How long one chat turn may take, every model call and retry included, before it fails. */
  turnTimeoutMs: number;
  /** Model calls for memories and personas one Brain process has in flight at once, all jobs together. */
  generationConcurrency: number;
  /** Memories one generation job works on at once (their model calls share the limit above). */
  memoryConcurrency: number;
  /** Generation jobs (per queue: memories, personas) one Brain process works on at once. */
  generationJobConcurrency: number;
  /** Longest persona/memory snippet injected into a prompt (docs/api/prompts.md, placeholders). */
  maxSnippetLength: number | undefined;
  /** Every model call recorded in the usage ledger (MODEL_USAGE_LEDGER=off: none, e.g. to measure it). */
  usageLedger: boolean;
  /** How often the buffered ledger entries are sent to the Backend at least. */
  usageFlushMs: number;
  /** The safety screen every reply passes before it is stored (SAFETY_CONFIG, SAFETY_SCREEN; docs/SAFETY.md). */
  safety: TurnSafety;
}

export function loadBrainConfig(env: Record<string, string | undefined> = process.env): BrainConfig {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
    throw new Error(`Invalid Brain configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.BRAIN_PORT,
    host: e.HOST,
    backendUrl: e.BACKEND_URL ?? `http://127.0.0.1:${e.PORT}`,
    turnConcurrency: e.BRAIN_CONCURRENCY,
    turnTimeoutMs: e.TURN_TIMEOUT_SECONDS * 1000,
    generationConcurrency: e.GENERATION_CONCURRENCY,
    // by default one batch alone keeps every model slot busy: twice as many memories as slots, so
    // reading transcripts and saving memories overlap with other memories' calls
    memoryConcurrency: e.MEMORY_GENERATION_CONCURRENCY ?? 2 * e.GENERATION_CONCURRENCY,
    generationJobConcurrency: e.GENERATION_JOB_CONCURRENCY ?? Math.min(e.GENERATION_CONCURRENCY, 64),
    maxSnippetLength: e.PLACEHOLDER_MAX_LENGTH,
    usageLedger: e.MODEL_USAGE_LEDGER === 'on',
    usageFlushMs: e.MODEL_USAGE_FLUSH_MS,
    safety: { ...loadSafetySettings(env), enabled: e.SAFETY_SCREEN === 'on', moderate: loadProviderModeration(env) },
  };
}
