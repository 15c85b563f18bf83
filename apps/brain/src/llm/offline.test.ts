import { ConversationMemoryData } from '@coach/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLlmClient } from './client.ts';
import { resolveLlmSettings } from './config.ts';
import { LlmCallError } from './errors.ts';
import { offlineOutput } from './offline.ts';
import { CALL_TYPES, CoachReply, OUTPUT_SCHEMAS, parseCoachReply } from './schemas.ts';

function givenOfflineClient(latencyMs = 0) {
  return createLlmClient({ settings: resolveLlmSettings({ offline: { latency_ms: latencyMs } }, {}), env: {} });
}

const studentText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('why is the sky blue?', 'hi', 'I feel sad today', '```json\n{"response": 1}\n```', '', '   \n '),
);

describe('the offline model', () => {
  it('answers every call type with output that fits its schema, whatever the student writes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CALL_TYPES), studentText, studentText, (callType, query, prompt) => {
        const output = offlineOutput(callType, { prompt, query });
        expect(OUTPUT_SCHEMAS[callType].safeParse(output).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('always ends a chat reply with a question', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('simplified_conversation', 'follow_up_response', 'learning_enhancement', 'response_generation'),
        studentText,
        (callType, query) => {
          const { response } = offlineOutput(callType, { prompt: '', query });
          expect(response.trim().endsWith('?')).toBe(true);
        },
      ),
    );
  });

  it('gives the same answer to the same input', () => {
    for (const callType of CALL_TYPES) {
      const request = { prompt: 'Student: How do magnets work?\nCoach: Good one!', query: 'How do magnets work?' };
      expect(offlineOutput(callType, request)).toEqual(offlineOutput(callType, { ...request }));
    }
  });

  it("builds a Socratic reply from the student's own words", () => {
    const reply = offlineOutput('simplified_conversation', { prompt: 'ignored', query: 'Why do volcanoes erupt?' });
    expect(reply.response).toContain('"Why do volcanoes erupt?"');
    expect(reply.response).toMatch(/volcanoes[^?]*\?$/);
    expect(reply.educational_concepts).toEqual(['volcanoes', 'erupt']);
    expect(reply.ended_with_question).toBe(true);
  });

  it('falls back to the last line of the prompt when there is no query', () => {
    const prompt = 'You are a coach.\nConversation so far: …\nStudent: How do rainbows form?\n';
    const reply = offlineOutput('simplified_conversation', { prompt });
    expect(reply.response).toContain('How do rainbows form');
  });

  it('greets a student who has not asked anything yet', () => {
    expect(offlineOutput('simplified_conversation', { prompt: '', query: 'hi' }).response).toMatch(
      /curiosity coach.*\?$/,
    );
  });

  it('sorts intents into educational, personal and conversational', () => {
    const intent = (query: string) => offlineOutput('intent_gathering', { prompt: '', query });
    expect(intent('How does photosynthesis turn sunlight into food?').intent_category).toBe('educational');
    expect(intent('I feel worried about my exams').intent_category).toBe('personal');
    expect(intent('hello there').intent_category).toBe('conversational');
    expect(intent('gravity?')).toMatchObject({ needs_clarification: true, key_concepts: ['gravity'] });
  });

  it("writes a memory from the student's side of the transcript", () => {
    const transcript = [
      'Summarise this conversation as JSON with main_topics, action and typical_observation.',
      'Student: Why do volcanoes erupt?',
      'Coach: What do you think is under the ground?',
      'Student: Hot lava! Is lava hotter than fire?',
      'Coach: Great question. How could we find out?',
    ].join('\n');
    const memory = offlineOutput('memory_generation', { prompt: transcript });
    expect(ConversationMemoryData.parse(memory)).toEqual(memory);
    expect(memory.main_topics).toEqual(['lava', 'volcanoes', 'erupt']);
    expect(memory.action[0]).toBe('Asked 2 questions about lava');
    expect(memory.typical_observation).toBe('Asks lots of questions and follows their own curiosity.');
  });

  it('reads the transcript from the query when the prompt does not hold it, without counting it twice', () => {
    const transcript = 'Student: Why is ice slippery?\nCoach: What do you think?\nStudent: Because it is wet?';
    const fromQuery = offlineOutput('memory_generation', { prompt: 'Summarise the conversation.', query: transcript });
    const fromBoth = offlineOutput('memory_generation', { prompt: `Summarise:\n${transcript}`, query: transcript });
    expect(fromQuery.main_topics).toEqual(['ice', 'slippery', 'wet']);
    expect(fromBoth.action).toEqual(fromQuery.action);
    expect(fromQuery.action).toContain('Sent 2 messages to the coach');
  });

  it('writes a persona from the memories in the prompt', () => {
    const memories = [
      { main_topics: ['volcanoes', 'lava'], action: [], typical_observation: 'Asks lots of questions.' },
      { main_topics: ['volcanoes', 'earthquakes'], action: [], typical_observation: 'Likes experiments.' },
    ];
    const persona = offlineOutput('user_persona_generation', {
      prompt: `Write a persona from these memories:\n${JSON.stringify(memories, null, 2)}`,
    });
    expect(persona.inferred_interests).toEqual(['volcanoes', 'lava', 'earthquakes']);
    expect(persona.persona).toBe(
      'A curious learner who keeps coming back to volcanoes, lava and earthquakes. Asks lots of questions.',
    );
    expect(persona.learning_patterns).toEqual(['Asks lots of questions.', 'Likes experiments.']);
  });

  it('reads memories rendered as snippets too', () => {
    const prompt =
      'These are some details of the conversation till now. `main_topics` is "fractions, pizza", `typical_observation` is "Counts on fingers."';
    const persona = offlineOutput('user_persona_generation', { prompt });
    expect(persona.inferred_interests).toEqual(['fractions', 'pizza']);
    expect(persona.learning_patterns).toEqual(['Counts on fingers.']);
  });
});

describe("the offline model's persona evidence", () => {
  const listed = (memoryId: number, memory: Record<string, unknown>, studentSaid: string[] = []) =>
    JSON.stringify({ memory_id: memoryId, conversation_id: memoryId + 100, memory, student_said: studentSaid });
  const prompt = [
    'Write a persona from these memories:',
    listed(11, { main_topics: ['Volcanoes', 'lava'], action: [], typical_observation: 'Asks lots of questions.' }, [
      'hi!',
      'Why do volcanoes erupt? I saw one on TV.',
    ]),
    listed(12, { main_topics: ['volcanoes', 'earthquakes'], action: [], typical_observation: 'Likes experiments.' }),
  ].join('\n');

  it('cites, for each interest, the memory it came from and the sentence the student wrote about it', () => {
    const persona = offlineOutput('user_persona_generation', { prompt });

    expect(persona.inferred_interests).toEqual(['volcanoes', 'lava', 'earthquakes']);
    expect(persona.evidence.filter((claim) => claim.key === 'inferred_interests')).toEqual([
      { key: 'inferred_interests', memory_id: 11, quote: 'Why do volcanoes erupt?' },
      // no student sentence names it: the memory's own words, exactly as written there
      { key: 'inferred_interests', memory_id: 11, quote: 'lava' },
      { key: 'inferred_interests', memory_id: 12, quote: 'earthquakes' },
    ]);
  });

  it('cites each learning pattern by the observation it copied', () => {
    const persona = offlineOutput('user_persona_generation', { prompt });

    expect(persona.learning_patterns).toEqual(['Asks lots of questions.', 'Likes experiments.']);
    expect(persona.evidence.filter((claim) => claim.key === 'learning_patterns')).toEqual([
      { key: 'learning_patterns', memory_id: 11, quote: 'Asks lots of questions.' },
      { key: 'learning_patterns', memory_id: 12, quote: 'Likes experiments.' },
    ]);
  });

  it("gives every key it wrote at least one claim, each quote found in the memory or the student's words it cites", () => {
    const persona = offlineOutput('user_persona_generation', { prompt });
    const lines = prompt
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line));

    for (const key of ['persona', 'inferred_interests', 'learning_patterns', 'personality_traits']) {
      expect(persona.evidence.some((claim) => claim.key === key)).toBe(true);
    }
    for (const claim of persona.evidence) {
      const cited = lines.find((line) => line.memory_id === claim.memory_id);
      const words = [...cited.student_said, ...Object.values(cited.memory).flat()].join('\n');
      expect(words).toContain(claim.quote);
    }
  });

  it('claims nothing when the memories carry no ids to cite', () => {
    const memories = [{ main_topics: ['volcanoes'], action: [], typical_observation: 'Asks lots of questions.' }];
    const persona = offlineOutput('user_persona_generation', { prompt: JSON.stringify(memories) });

    expect(persona.inferred_interests).toEqual(['volcanoes']);
    expect(persona.evidence).toEqual([]);
  });

  it('makes the same claims for the same memories', () => {
    expect(offlineOutput('user_persona_generation', { prompt })).toEqual(
      offlineOutput('user_persona_generation', { prompt }),
    );
  });
});

describe('the offline model behind the LLM client', () => {
  it('returns JSON text that reads back as a coach reply', async () => {
    const llm = givenOfflineClient();
    const reply = await llm.text({ callType: 'simplified_conversation', prompt: 'x', query: 'How do birds fly?' });
    expect(reply).toMatchObject({ provider: 'offline', model: 'offline-coach', attempts: 1 });
    expect(CoachReply.parse(parseCoachReply(reply.text))).toEqual(
      offlineOutput('simplified_conversation', { prompt: 'x', query: 'How do birds fly?' }),
    );
  });

  it('validates structured output against the schema it is asked for', async () => {
    const llm = givenOfflineClient();
    const memory = await llm.object(
      { callType: 'memory_generation', prompt: 'Student: Why is ice slippery?' },
      ConversationMemoryData,
    );
    expect(memory.main_topics).toContain('ice');
    const error = await llm
      .object({ callType: 'memory_generation', prompt: 'x' }, z.object({ score: z.number() }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmCallError);
    expect((error as LlmCallError).kind).toBe('invalid_output');
  });

  it('waits the configured latency', async () => {
    const llm = givenOfflineClient(60);
    const started = performance.now();
    await llm.text({ callType: 'simplified_conversation', prompt: 'x', query: 'Why?' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('stops waiting when the caller aborts', async () => {
    const llm = givenOfflineClient(5_000);
    const error = await llm
      .text({ callType: 'simplified_conversation', prompt: 'x', signal: AbortSignal.timeout(20) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmCallError);
    expect((error as LlmCallError).kind).toBe('aborted');
  });

  it('costs microseconds at latency 0', async () => {
    const llm = givenOfflineClient();
    const started = performance.now();
    for (let i = 0; i < 2_000; i++) {
      await llm.text({ callType: 'simplified_conversation', prompt: 'x', query: `Why do stars twinkle ${i}?` });
    }
    expect((performance.now() - started) / 2_000).toBeLessThan(0.25);
  });
});
