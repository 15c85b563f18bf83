import { describe, expect, it } from 'vitest';
import { awaitReply, type ReplyPoll, runTurn, type TurnPorts, type TurnState, type TurnTiming } from './turn.ts';

const timing: TurnTiming = { firstDelayMs: 100, maxDelayMs: 400, giveUpAfterMs: 10_000, networkRetries: 2 };
const reply = {
  id: 11,
  content: 'What do you think happens inside?',
  is_user: false,
  timestamp: '2026-01-01T00:00:01Z',
};

/** A Backend that answers the polls in the order given (the last answer repeats), on a fake clock. */
function givenBackend(polls: Array<ReplyPoll | Error>, options: { sendFails?: Error } = {}) {
  let clock = 0;
  const sleeps: number[] = [];
  const sent: string[] = [];
  let pollCount = 0;
  const ports: TurnPorts = {
    async send(content) {
      if (options.sendFails) throw options.sendFails;
      sent.push(content);
      return { id: 10, content, is_user: true, timestamp: '2026-01-01T00:00:00Z' };
    },
    async pollReply() {
      const answer = polls[Math.min(pollCount, polls.length - 1)]!;
      pollCount += 1;
      if (answer instanceof Error) throw answer;
      return answer;
    },
    async sleep(ms) {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
  };
  return { ports, sleeps, sent, polls: () => pollCount };
}

function recordStates() {
  const states: TurnState[] = [];
  return { states, onChange: (state: TurnState) => states.push(state), phases: () => states.map((s) => s.phase) };
}

const pending: ReplyPoll = { kind: 'pending' };

describe('a chat turn', () => {
  it('shows thinking while the reply is pending (202) and ends with the reply (200)', async () => {
    const backend = givenBackend([pending, pending, { kind: 'answered', reply }]);
    const seen = recordStates();
    const end = await runTurn('Why do volcanoes erupt?', backend.ports, seen.onChange, { timing });
    expect(seen.phases()).toEqual(['sending', 'thinking', 'answered']);
    expect(end).toMatchObject({ phase: 'answered', messageId: 10, reply });
    expect(backend.polls()).toBe(3);
  });

  it('waits longer between polls the longer the coach thinks, up to a limit', async () => {
    const backend = givenBackend([pending, pending, pending, pending, pending, { kind: 'answered', reply }]);
    await runTurn('Hi', backend.ports, () => {}, { timing });
    expect(backend.sleeps).toEqual([100, 150, 225, 338, 400]);
  });

  it('ends failed with the Backend’s reason when the turn failed for good (502)', async () => {
    const detail = 'The coach could not answer this message (model unavailable). Please send it again.';
    const backend = givenBackend([pending, { kind: 'failed', status: 502, detail }]);
    const end = await runTurn('Hi', backend.ports, () => {}, { timing });
    expect(end).toMatchObject({ phase: 'failed', messageId: 10, detail, content: 'Hi' });
    expect(end.phase === 'failed' && end.title).toMatch(/couldn't answer/);
  });

  it('ends failed without a message id when the message cannot be sent', async () => {
    const backend = givenBackend([], { sendFails: new Error('Too many requests') });
    const end = await runTurn('Hi', backend.ports, () => {}, { timing });
    expect(end).toMatchObject({ phase: 'failed', messageId: null, detail: 'Too many requests' });
  });

  it('rides out a short network outage while polling', async () => {
    const backend = givenBackend([
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
      { kind: 'answered', reply },
    ]);
    const end = await runTurn('Hi', backend.ports, () => {}, { timing });
    expect(end.phase).toBe('answered');
  });

  it('gives up when the server stays unreachable', async () => {
    const backend = givenBackend([new TypeError('fetch failed')]);
    const end = await runTurn('Hi', backend.ports, () => {}, { timing });
    expect(end).toMatchObject({ phase: 'failed', title: expect.stringMatching(/lost the connection/) });
    expect(backend.polls()).toBe(timing.networkRetries + 1);
  });

  it('gives up after the longest wait, never polling forever', async () => {
    const backend = givenBackend([pending]);
    const end = await runTurn('Hi', backend.ports, () => {}, { timing: { ...timing, giveUpAfterMs: 2_000 } });
    expect(end).toMatchObject({ phase: 'failed', title: expect.stringMatching(/taking too long/) });
  });

  it('stops quietly when the student leaves the conversation', async () => {
    const controller = new AbortController();
    const backend = givenBackend([pending]);
    const original = backend.ports.sleep;
    backend.ports.sleep = async (ms) => {
      await original(ms);
      if (backend.sleeps.length === 2) controller.abort();
    };
    const seen = recordStates();
    await runTurn('Hi', backend.ports, seen.onChange, { timing, signal: controller.signal });
    expect(seen.phases()).toEqual(['sending', 'thinking']);
    expect(backend.polls()).toBe(2);
  });

  it('picks up a message sent before a reload and follows it to its reply', async () => {
    const backend = givenBackend([pending, { kind: 'answered', reply }]);
    const seen = recordStates();
    const end = await awaitReply('Why?', 10, backend.ports, seen.onChange, { timing });
    expect(seen.phases()).toEqual(['thinking', 'answered']);
    expect(end.phase).toBe('answered');
    expect(backend.sent).toEqual([]);
  });
});
