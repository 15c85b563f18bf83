import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 that answers like the OpenAI API, for tests of the provider code.
 * It speaks both endpoints the AI SDK uses: Chat Completions (openai-compatible, groq) and Responses
 * (openai). Tests queue what it should answer; it records what it was sent.
 */

export type ScriptedReply =
  /** a successful answer whose assistant message is `content` */
  | { content: string }
  /** an error status with an OpenAI-style error body */
  | { status: number; message?: string; headers?: Record<string, string> }
  /** status 200 with this body, verbatim */
  | { rawBody: string }
  /** never answer (until the server closes) */
  | 'hang'
  /** status 200 and half of a good answer, then the connection drops */
  | { cutOff: string };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

export interface OpenAiTestServer {
  /** e.g. http://127.0.0.1:43123/v1, what providers take as baseURL */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Answers for the next requests, in order; the last one repeats. */
  script(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

export async function startOpenAiTestServer(): Promise<OpenAiTestServer> {
  const requests: RecordedRequest[] = [];
  let replies: ScriptedReply[] = [{ content: 'Hello! What are you curious about today?' }];

  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    const path = req.url ?? '';
    requests.push({ path, headers: req.headers, body: text ? JSON.parse(text) : undefined });
    const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
    if (reply === 'hang') return;
    if ('rawBody' in reply) return send(res, 200, reply.rawBody);
    if ('cutOff' in reply) return cutOff(res, JSON.stringify(chatCompletion(reply.cutOff)));
    if ('status' in reply) {
      const error = { error: { message: reply.message ?? `status ${reply.status}`, type: 'test_error', code: null } };
      return send(res, reply.status, JSON.stringify(error), reply.headers);
    }
    if (path.endsWith('/chat/completions')) return send(res, 200, JSON.stringify(chatCompletion(reply.content)));
    if (path.endsWith('/responses')) return send(res, 200, JSON.stringify(responsesResult(reply.content)));
    send(res, 404, JSON.stringify({ error: { message: `no route ${path}`, type: 'not_found', code: null } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(...next) {
      replies = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Chat Completions answer whose assistant message is `content`. */
export function chatCompletion(content: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
  };
}

function responsesResult(content: string) {
  return {
    id: 'resp_test',
    object: 'response',
    created_at: 1_700_000_000,
    model: 'test-model',
    status: 'completed',
    output: [
      {
        type: 'message',
        id: 'msg_test',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: content, annotations: [] }],
      },
    ],
    usage: { input_tokens: 12, output_tokens: 8, total_tokens: 20 },
  };
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

/** Promises the whole body, sends half of it and drops the connection, as a failing network does. */
export function cutOff(res: ServerResponse, body: string) {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.write(body.slice(0, Math.floor(body.length / 2)));
  setTimeout(() => res.socket?.destroy(), 5);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
