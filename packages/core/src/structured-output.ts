import { z } from 'zod';
import { PersonaEvidenceClaim } from './persona-revisions.ts';

/** What the memory generator writes for one conversation (docs/api/memories-and-personas.md, Shapes). */
export const ConversationMemoryData = z
  .object({
    main_topics: z.array(z.string()).describe('The subjects the conversation was about.'),
    action: z.array(z.string()).describe('What the student did or decided during the conversation.'),
    typical_observation: z.string().describe('One observation about how the student engaged.'),
  })
  .meta({ id: 'ConversationMemoryData' });
export type ConversationMemoryData = z.infer<typeof ConversationMemoryData>;

/** What the persona generator writes for one student from their memories. */
export const UserPersonaData = z
  .object({
    persona: z.string().min(1).describe('A short portrait of the student as a learner.'),
    inferred_interests: z.array(z.string()).optional(),
    learning_patterns: z.array(z.string()).optional(),
    personality_traits: z.array(z.string()).optional(),
  })
  .meta({ id: 'UserPersonaData' });
export type UserPersonaData = z.infer<typeof UserPersonaData>;

/** Top-level keys a `{{USER_PERSONA__…}}` placeholder may name (docs/api/prompts.md, Placeholders). */
export const ALLOWED_PERSONA_KEYS = [
  'persona',
  'inferred_interests',
  'learning_patterns',
  'personality_traits',
] as const;

/** Top-level keys a `{{CONVERSATION_MEMORY__…}}` placeholder may name. */
export const ALLOWED_MEMORY_KEYS = ['main_topics', 'action', 'typical_observation'] as const;

/**
 * What the persona generator is asked for: the persona, and for each non-empty key the memories and
 * words that support it. `evidence` is split off before the persona is stored.
 */
export const GeneratedPersona = UserPersonaData.extend({
  evidence: z
    .array(PersonaEvidenceClaim)
    .describe('For each non-empty key above: the memory id and words copied exactly from it that support the value'),
}).meta({ id: 'GeneratedPersona' });
export type GeneratedPersona = z.infer<typeof GeneratedPersona>;
