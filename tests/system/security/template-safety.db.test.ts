import { formatHistory, renderTemplate } from '@coach/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenMessage, givenStudent } from '../../../apps/backend/test/harness.ts';
import { givenFlowConfig, givenMemory, givenPersona, givenPromptVersion } from '../../../apps/brain/test/given.ts';
import { askCoach, pipelineSteps, startSystem, type TestSystem } from '../../../apps/brain/test/system.ts';

// A student who types {{USER_PERSONA}} sees it stay literal; so does a persona, a memory or a title
// that holds placeholder syntax. Checked through the whole system: the prompt the Brain sent must be
// exactly what one pass of the renderer makes of the template.

const RUNS = Number(process.env.TEMPLATE_E2E_RUNS ?? 4);
const TEMPLATE =
  'P:{{USER_PERSONA__persona}}\nM:{{CONVERSATION_MEMORY__main_topics}}\nH:{{CONVERSATION_HISTORY}}\nQ:{{QUERY}}\nI:{{INTENT}}';

const token = fc.constantFrom(
  '{{QUERY}}',
  '{{CONVERSATION_HISTORY}}',
  '{{USER_PERSONA}}',
  '{{USER_PERSONA__persona}}',
  '{{USER_PERSONA_JSON}}',
  '{{CONVERSATION_MEMORY}}',
  '{{CONVERSATION_MEMORY__main_topics__action}}',
  '{{INTENT}}',
  '{{KNOWLEDGE}}',
  '{{CONVERSATION_MEMORIES}}',
  '{{',
  '}}',
);
const word = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 });
/** Text full of placeholder syntax, and never blank (the API refuses an empty message or title). */
const hostile = fc.array(fc.oneof(token, word), { minLength: 1, maxLength: 8 }).map((parts) => `x ${parts.join(' ')}`);

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
  await givenFlowConfig(system, { use_simplified_mode: true });
  await givenPromptVersion(system, 'simplified_conversation', TEMPLATE);
});
afterAll(() => system?.close());

describe('placeholder syntax in what students and generators write', () => {
  it('is never expanded: not in messages, history, personas, memories or titles', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ message: hostile, earlier: hostile, persona: hostile, topic: hostile, title: hostile }),
        async (texts) => {
          const student = await givenStudent(system.backend, `Curly${run++}`);
          const persona = { persona: texts.persona };
          const memory = { main_topics: [texts.topic], action: [], typical_observation: texts.topic };
          await givenPersona(system, student, persona);
          const conversationId = await givenConversation(system.backend, student, texts.title);
          await givenMemory(system, conversationId, memory);
          const earlier = await givenMessage(system.backend, student, conversationId, texts.earlier, 'test');

          const { reply } = await askCoach(system, student, conversationId, texts.message);
          expect(reply.status).toBe(200);
          const [step] = await pipelineSteps(system, student.token, reply.body.id);

          const history = formatHistory([{ ...earlier, is_user: true }]);
          expect(step!.prompt).toBe(
            renderTemplate(TEMPLATE, {
              query: texts.message,
              conversationHistory: history,
              persona,
              memory,
              extra: {},
            }),
          );
          const stored = await system.backend.request('GET', `/api/conversations/${conversationId}`, {
            token: student.token,
          });
          expect(stored.body.title).toBe(texts.title.trim());
        },
      ),
      { numRuns: RUNS },
    );
  });
});
