import { type ApiClient, describeFailure, type Schemas, unwrap } from '../api/client.ts';

type Message = Schemas['Message'];

/**
 * One chat turn as the student sees it: the message is sent, the coach thinks (the reply is polled, each
 * poll held by the Backend until the reply is stored or `REPLY_WAIT_SECONDS` pass: 202 → keep waiting,
 * 200 → the reply, anything else → the turn failed), and it ends answered or failed.
 */
export type TurnState =
  | { phase: 'sending'; content: string }
  | { phase: 'thinking'; content: string; messageId: number }
  | { phase: 'answered'; content: string; messageId: number; reply: Message }
  | { phase: 'failed'; content: string; messageId: number | null; title: string; detail: string };

export type ReplyPoll =
  | { kind: 'pending' }
  | { kind: 'answered'; reply: Message }
  | { kind: 'failed'; status: number; detail: string };

/** What a turn needs from the outside world; the tests pass fakes. */
export interface TurnPorts {
  send(content: string): Promise<Message>;
  pollReply(messageId: number): Promise<ReplyPoll>;
  sleep(ms: number): Promise<void>;
  now(): number;
}

export interface TurnTiming {
  /** The first wait between polls; it grows by half each time up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** After this long without an answer the turn counts as failed. */
  giveUpAfterMs: number;
  /** Polls that may fail to reach the server in a row before the turn counts as failed. */
  networkRetries: number;
}

export const DEFAULT_TIMING: TurnTiming = {
  firstDelayMs: 400,
  maxDelayMs: 2_000,
  giveUpAfterMs: 120_000,
  networkRetries: 3,
};

/** Each poll asks the Backend to hold it this long while the reply is pending (long polling). */
export const REPLY_WAIT_SECONDS = 20;

const SEND_FAILED = 'Your message could not be sent.';
const REPLY_FAILED = "Sorry, the coach couldn't answer that message.";
const TOO_SLOW = 'The coach is taking too long to answer.';
const CONNECTION_LOST = "We lost the connection while waiting for the coach's reply.";

/** Sends `content` and follows the turn to its end, reporting every state to `onChange`. */
export async function runTurn(
  content: string,
  ports: TurnPorts,
  onChange: (state: TurnState) => void,
  options: { timing?: TurnTiming; signal?: AbortSignal } = {},
): Promise<TurnState> {
  const report = (state: TurnState) => {
    if (!options.signal?.aborted) onChange(state);
    return state;
  };
  report({ phase: 'sending', content });
  let sent: Message;
  try {
    sent = await ports.send(content);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return report({ phase: 'failed', content, messageId: null, title: SEND_FAILED, detail });
  }
  return awaitReply(content, sent.id, ports, onChange, options);
}

/** Waits for the coach's reply to an already sent message (also used to resume after a reload). */
export async function awaitReply(
  content: string,
  messageId: number,
  ports: TurnPorts,
  onChange: (state: TurnState) => void,
  options: { timing?: TurnTiming; signal?: AbortSignal } = {},
): Promise<TurnState> {
  const timing = options.timing ?? DEFAULT_TIMING;
  const report = (state: TurnState) => {
    if (!options.signal?.aborted) onChange(state);
    return state;
  };
  const failed = (title: string, detail: string) => report({ phase: 'failed', content, messageId, title, detail });

  const current = report({ phase: 'thinking', content, messageId });
  const started = ports.now();
  let delay = timing.firstDelayMs;
  let unreachable = 0;
  while (!options.signal?.aborted) {
    let poll: ReplyPoll;
    try {
      poll = await ports.pollReply(messageId);
      unreachable = 0;
    } catch (error) {
      unreachable += 1;
      if (unreachable > timing.networkRetries) {
        return failed(CONNECTION_LOST, error instanceof Error ? error.message : String(error));
      }
      poll = { kind: 'pending' };
    }
    if (poll.kind === 'answered') return report({ phase: 'answered', content, messageId, reply: poll.reply });
    if (poll.kind === 'failed') return failed(REPLY_FAILED, poll.detail);
    if (ports.now() - started >= timing.giveUpAfterMs) {
      return failed(TOO_SLOW, 'No reply arrived in time. Send your message again to try once more.');
    }
    await ports.sleep(delay);
    delay = Math.min(Math.round(delay * 1.5), timing.maxDelayMs);
  }
  return current;
}

/** The real ports: the Backend's message routes for one conversation. */
export function turnPorts(client: ApiClient, conversationId: number): TurnPorts {
  return {
    async send(content) {
      const sent = await unwrap(
        client.POST('/api/conversations/{id}/messages', {
          params: { path: { id: conversationId } },
          body: { content, purpose: 'chat' },
        }),
      );
      return sent.message;
    },
    async pollReply(messageId) {
      const { data, error, response } = await client.GET('/api/messages/{id}/response', {
        params: { path: { id: messageId }, query: { wait: REPLY_WAIT_SECONDS } },
      });
      if (response.status === 202) return { kind: 'pending' };
      if (response.status === 200 && data) return { kind: 'answered', reply: data };
      return { kind: 'failed', status: response.status, detail: describeFailure(response.status, error) };
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
  };
}
