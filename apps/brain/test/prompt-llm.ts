import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * An OpenAI-compatible chat-completions server on loopback whose answer depends on the prompt it is
 * sent (the scripted test server answers in order, which concurrent generation cannot rely on).
 */
export interface PromptLlm {
  baseUrl: string;
  /** The prompts received, in arrival order. */
  prompts: string[];
  /** The most requests it was answering at one time. */
  maxInFlight(): number;
  /** An LLM_CONFIG file sending these call types here; every other call type stays on the offline model. */
  configFor(...callTypes: string[]): string;
  close(): Promise<void>;
}

export async function startPromptLlm(
  answer: (prompt: string) => string,
  options: { delayMs?: number } = {},
): Promise<PromptLlm> {
  const prompts: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as { messages?: { content?: unknown }[] };
    const prompt = (body.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
    prompts.push(prompt);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await sleep(options.delayMs ?? 0);
    inFlight--;
    const completion = {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'prompt-llm',
      choices: [{ index: 0, message: { role: 'assistant', content: answer(prompt) }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(completion));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const configDir = mkdtempSync(join(tmpdir(), 'coach-prompt-llm-'));

  return {
    baseUrl,
    prompts,
    maxInFlight: () => maxInFlight,
    configFor(...callTypes) {
      const path = join(configDir, `${callTypes.join('+')}.json`);
      const call = { provider: 'openai-compatible', base_url: baseUrl, model: 'prompt-llm', max_retries: 0 };
      writeFileSync(path, JSON.stringify(Object.fromEntries(callTypes.map((callType) => [callType, call]))));
      return path;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
