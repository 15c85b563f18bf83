import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { offlineOutput } from '../../../apps/brain/src/llm/offline.ts';
import { CALL_TYPES, type CallType } from '../../../apps/brain/src/llm/schemas.ts';
import { chatCompletion, cutOff, readBody } from '../../../apps/brain/test/openai-test-server.ts';

/**
 * An OpenAI-compatible model on loopback that misbehaves on purpose: a share of its calls (drawn from a
 * seeded generator, so a run can be repeated) fail in one of the ways real providers fail; the others
 * are answered like a real model would, with the offline model's output for the call type.
 */

export const FAULT_KINDS = ['http-500', 'http-429', 'timeout', 'truncated', 'not-json', 'schema-break'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Call types whose output is validated against a schema (memories, personas): only they can get schema-break. */
const STRUCTURED: ReadonlySet<CallType> = new Set(['memory_generation', 'user_persona_generation']);

/** Output that is JSON but breaks the call type's schema. */
const SCHEMA_BREAKS: Partial<Record<CallType, unknown>> = {
  memory_generation: { main_topics: 'volcanoes', action: null },
  user_persona_generation: { persona: 42, inferred_interests: 'everything' },
};

export interface FaultyLlmOptions {
  /** Share of calls that fail, 0…1. */
  failureRate: number;
  seed?: number;
  /** Which faults to draw from (all by default). */
  kinds?: readonly FaultKind[];
  /** How long a good answer takes. */
  latencyMs?: number;
  /** How long the Brain waits for one call before it gives up on it (the `timeout` fault hangs past it). */
  clientTimeoutMs?: number;
  /** How often the Brain retries a call that failed transiently. */
  clientRetries?: number;
}

export interface FaultyLlm {
  baseUrl: string;
  /** An LLM_CONFIG file sending every call type here (the model name says which call type it is). */
  configPath: string;
  /** Calls received, by call type. */
  calls: Record<string, number>;
  /** Faults injected, by kind. */
  faults: Record<FaultKind, number>;
  totalCalls(): number;
  totalFaults(): number;
  setFailureRate(rate: number): void;
  close(): Promise<void>;
}

export async function startFaultyLlm(options: FaultyLlmOptions): Promise<FaultyLlm> {
  let failureRate = options.failureRate;
  const random = seededRandom(options.seed ?? 7);
  const kinds = options.kinds ?? FAULT_KINDS;
  const calls: Record<string, number> = {};
  const faults = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;

  /** The fault for this call, or undefined for a good answer. */
  function drawFault(callType: CallType): FaultKind | undefined {
    if (random() >= failureRate) return undefined;
    const possible = kinds.filter((kind) => kind !== 'schema-break' || STRUCTURED.has(callType));
    return possible.length > 0 ? possible[Math.floor(random() * possible.length)] : undefined;
  }

  const server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as { model?: string; messages?: { content?: unknown }[] };
    const callType = CALL_TYPES.find((type) => type === body.model);
    if (!callType) return send(res, 404, JSON.stringify({ error: { message: `unknown model ${body.model}` } }));
    calls[callType] = (calls[callType] ?? 0) + 1;
    const prompt = (body.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
    const fault = drawFault(callType);
    if (fault) faults[fault]++;
    if (fault === 'timeout') return; // the client gives up first; its abort closes the connection
    if (fault === 'http-500') return send(res, 500, errorBody('the model server crashed'));
    if (fault === 'http-429') return send(res, 429, errorBody('rate limit reached'), { 'retry-after-ms': '20' });
    if (fault === 'not-json') return send(res, 200, '<html><body>Bad gateway</body></html>', {}, 'text/html');
    await sleep(options.latencyMs ?? 0);
    const content = JSON.stringify(
      fault === 'schema-break' ? SCHEMA_BREAKS[callType] : offlineOutput(callType, { prompt }),
    );
    const completion = JSON.stringify({ ...chatCompletion(content), model: callType });
    if (fault === 'truncated') return cutOff(res, completion);
    send(res, 200, completion);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;

  const configDir = mkdtempSync(join(tmpdir(), 'coach-faulty-llm-'));
  const configPath = join(configDir, 'llm.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      defaults: {
        provider: 'openai-compatible',
        base_url: baseUrl,
        timeout_ms: options.clientTimeoutMs ?? 1_000,
        max_retries: options.clientRetries ?? 2,
      },
      ...Object.fromEntries(CALL_TYPES.map((callType) => [callType, { model: callType }])),
      retry: { base_delay_ms: 20, max_delay_ms: 200 },
    }),
  );

  return {
    baseUrl,
    configPath,
    calls,
    faults,
    totalCalls: () => Object.values(calls).reduce((sum, n) => sum + n, 0),
    totalFaults: () => Object.values(faults).reduce((sum, n) => sum + n, 0),
    setFailureRate(rate) {
      failureRate = rate;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

function errorBody(message: string): string {
  return JSON.stringify({ error: { message, type: 'server_error', code: null } });
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
  contentType = 'application/json',
) {
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(body);
}

/** mulberry32: a small, fast generator whose sequence is fixed by its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
