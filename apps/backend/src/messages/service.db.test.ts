import { DEFAULT_TURN_SAFETY, QUEUE_NAMES } from '@coach/core';
import type { Database } from '@coach/data';
import { createConversationsRepository, createMessagesRepository } from '@coach/data';
import type { JobQueue } from '@coach/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/database.ts';
import { createUsersRepository } from '../users/repository.ts';
import { createMessagesService, type MessagesService } from './service.ts';

let database: Database;
let sent: Array<{ name: string; data: Record<string, unknown> }>;
let failEnqueue: boolean;
let messages: MessagesService;

// only `send` is reached by these decisions; it records, or fails when told to
const recordingQueue = {
  async send(name: string, data: Record<string, unknown>) {
    if (failEnqueue) throw new Error('queue unavailable');
    sent.push({ name, data });
    return 'job-id';
  },
} as unknown as JobQueue;

beforeAll(async () => {
  database = await freshDatabase();
  messages = createMessagesService({
    db: database.db,
    queue: recordingQueue,
    replies: database.replies,
    maxMessageLength: 100,
    safety: DEFAULT_TURN_SAFETY,
    webhook: false,
    logger: { warn: () => {} },
  });
});
afterAll(() => database.close());
beforeEach(() => {
  sent = [];
  failEnqueue = false;
});

async function givenStudentWithConversation() {
  const user = await createUsersRepository(database.db).insert({ name: `student-${Math.random()}` });
  const conversation = await createConversationsRepository(database.db).create(user!.id, 'Volcanoes');
  return { userId: user!.id, conversationId: conversation.id };
}

describe('the messages service', () => {
  it('queues a chat turn for a chat or test-prompt message, naming the message and its words', async () => {
    const { userId, conversationId } = await givenStudentWithConversation();

    const chat = await messages.send(userId, conversationId, 'Why do volcanoes erupt?', 'chat');
    const trial = await messages.send(userId, conversationId, 'And lava?', 'test-prompt');

    expect(sent.map((s) => s.name)).toEqual([QUEUE_NAMES.chatTurn, QUEUE_NAMES.chatTurn]);
    expect(sent[0]!.data).toMatchObject({
      user_id: userId,
      conversation_id: conversationId,
      message_id: chat.id,
      purpose: 'chat',
      message_content: 'Why do volcanoes erupt?',
    });
    expect(sent[1]!.data).toMatchObject({ message_id: trial.id, purpose: 'test-prompt' });
  });

  it('stores a test message without queuing a turn', async () => {
    const { userId, conversationId } = await givenStudentWithConversation();

    await messages.send(userId, conversationId, 'just stored', 'test');

    expect(sent).toEqual([]);
    expect((await messages.listForStudent(userId, conversationId)).map((m) => m.content)).toEqual(['just stored']);
  });

  it('keeps no message when its turn cannot be queued: the message and its job are one transaction', async () => {
    const { userId, conversationId } = await givenStudentWithConversation();
    failEnqueue = true;

    await expect(messages.send(userId, conversationId, 'lost?', 'chat')).rejects.toThrow('queue unavailable');

    expect(await messages.listForStudent(userId, conversationId)).toEqual([]);
  });

  it("makes the next turn a follow-up when the coach's last reply asked for clarification", async () => {
    const { userId, conversationId } = await givenStudentWithConversation();
    const question = await messages.send(userId, conversationId, 'Tell me about it', 'chat');
    await messages.storeReply({
      userId,
      conversationId,
      userMessageId: question.id,
      content: 'About what?',
      pipelineData: { steps: [] },
      needsClarification: true,
      followUpQuestions: ['Volcanoes or oceans?'],
      originalQuery: 'it',
      promptVersionId: null,
    });

    await messages.send(userId, conversationId, 'Volcanoes', 'chat');

    expect(sent[1]!.data).toMatchObject({
      is_follow_up_response: true,
      original_query: 'it',
      follow_up_questions: ['Volcanoes or oceans?'],
    });
  });

  it('reads the clarification of a reply without typed fields from its pipeline data, as replies used to say it', async () => {
    const { userId, conversationId } = await givenStudentWithConversation();
    const question = await messages.send(userId, conversationId, 'Tell me about it', 'chat');
    const { reply } = await messages.storeReply({
      userId,
      conversationId,
      userMessageId: question.id,
      content: 'About what?',
      pipelineData: { needs_clarification: true, follow_up_questions: ['Volcanoes or oceans?'], query: 'it' },
      promptVersionId: null,
    });

    expect(reply).toMatchObject({
      needsClarification: true,
      followUpQuestions: ['Volcanoes or oceans?'],
      originalQuery: 'it',
    });
  });

  it('stores a repeated reply once and hands back the stored one', async () => {
    const { userId, conversationId } = await givenStudentWithConversation();
    const question = await messages.send(userId, conversationId, 'Why is the sky blue?', 'chat');
    const reply = { userId, conversationId, userMessageId: question.id, pipelineData: {}, promptVersionId: null };

    const first = await messages.storeReply({ ...reply, content: 'Scattering.' });
    const again = await messages.storeReply({ ...reply, content: 'Something else.' });

    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ reply: first.reply, duplicate: true });
  });

  it("refuses a message to another student's conversation as not found", async () => {
    const owner = await givenStudentWithConversation();
    const other = await givenStudentWithConversation();

    await expect(messages.send(other.userId, owner.conversationId, 'hello', 'chat')).rejects.toMatchObject({
      statusCode: 404,
      message: `Conversation ${owner.conversationId} not found.`,
    });
    expect(sent).toEqual([]);
  });

  it('answers the poll of a turn the Brain gave up on with a failure, never pending', async () => {
    const { userId, conversationId } = await givenStudentWithConversation();
    const question = await messages.send(userId, conversationId, 'Why?', 'chat');
    await createMessagesRepository(database.db).markReplyFailed(question.id, 'the model timed out');

    await expect(messages.replyTo(userId, question.id, { ms: 0, abandoned: () => false })).rejects.toMatchObject({
      statusCode: 502,
      message: 'The coach could not answer this message (the model timed out). Please send it again.',
    });
  });

  it('says a pending reply is pending once the wait is over', async () => {
    const { userId, conversationId } = await givenStudentWithConversation();
    const question = await messages.send(userId, conversationId, 'Why?', 'chat');

    expect(await messages.replyTo(userId, question.id, { ms: 0, abandoned: () => false })).toBeUndefined();
  });
});
