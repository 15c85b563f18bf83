import {
  GenerationJobRecord,
  JsonObject,
  MemoryRecord,
  MessageRecord,
  PersonaRecord,
  PersonaRevisionRecord,
  SafetyFlag,
  Timestamp,
} from '@coach/core';
import { z } from 'zod';
import { ConversationDto, ConversationSummary } from '../conversations/schemas.ts';
import { FeedbackDto } from '../feedback/schemas.ts';
import { Pagination } from '../http/params.ts';
import { CorrectionDto } from '../persona-corrections/schemas.ts';
import { SafetyAlertDto } from '../safety-alerts/schemas.ts';
import { UserDto } from '../users/schemas.ts';

export const StudentSearchQuery = Pagination.extend({
  query: z
    .string()
    .trim()
    .max(200, { error: 'can have at most 200 characters' })
    .optional()
    .describe('Part of a name or phone number, in any case'),
});

export const StudentSummary = UserDto.extend({
  conversation_count: z.number().int(),
  has_persona: z.boolean(),
}).meta({ id: 'StudentSummary' });

export const StudentDetail = UserDto.extend({
  conversations: z.array(ConversationSummary.extend({ has_memory: z.boolean() })),
  persona: PersonaRecord.nullable(),
}).meta({ id: 'StudentDetail' });

const ExportedMessage = MessageRecord.extend({
  responds_to_message_id: z.number().int().nullable(),
  pipeline_data: JsonObject.nullable(),
  /** What the safety screen found in the message (docs/SAFETY.md): for operators; a student's views leave it out. */
  safety_flags: z.array(SafetyFlag),
});

const ExportedConversation = ConversationDto.omit({ user_id: true }).extend({
  prompt_version_id: z.number().int().nullable(),
  messages: z.array(ExportedMessage),
  memory: MemoryRecord.nullable(),
});

export const StudentExport = z
  .object({
    exported_at: Timestamp,
    user: UserDto,
    conversations: z.array(ExportedConversation),
    persona: PersonaRecord.nullable(),
    /** Every revision of the persona, newest first: what the coach believed when, and who decided. */
    persona_revisions: z.array(PersonaRevisionRecord),
    /** What the student asked the operators to correct, and how each was resolved. */
    persona_corrections: z.array(CorrectionDto.omit({ user_id: true, name: true })),
    feedback: z.array(FeedbackDto),
    /** Memory and persona generation asked for this student: what was selected, how it went. */
    generation_jobs: z.array(GenerationJobRecord),
    /**
     * Safety alerts about the student's messages, oldest first, with the adults' notes: review them before
     * the export leaves the school (docs/api/safety.md).
     */
    safety_alerts: z.array(SafetyAlertDto.omit({ user_id: true, name: true })),
  })
  .meta({ id: 'StudentExport' });
export type StudentExport = z.infer<typeof StudentExport>;
