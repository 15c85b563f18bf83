import type { AuditActor, Db } from '@coach/data';
import { createMemoriesRepository, createPersonasRepository } from '@coach/data';
import { type JobQueue, NotFound } from '@coach/runtime';
import { createAuditRepository, recordAudit } from '../audit/repository.ts';
import { toConversationDto } from '../conversations/schemas.ts';
import { createFeedbackRepository } from '../feedback/repository.ts';
import { toFeedbackDto } from '../feedback/schemas.ts';
import { iso } from '../http/params.ts';
import { createJobsRepository } from '../jobs/repository.ts';
import { toJobDto } from '../jobs/schemas.ts';
import { toMemoryDto } from '../memories/schemas.ts';
import { toMessageDto } from '../messages/schemas.ts';
import { createPersonaCorrectionsRepository } from '../persona-corrections/repository.ts';
import { toCorrectionDto } from '../persona-corrections/schemas.ts';
import { createPersonaRevisionsRepository } from '../persona-revisions/repository.ts';
import { toRevisionDto } from '../persona-revisions/schemas.ts';
import { toPersonaDto } from '../personas/schemas.ts';
import { createSafetyAlertsRepository } from '../safety-alerts/repository.ts';
import { toSafetyAlertDto } from '../safety-alerts/schemas.ts';
import { createUsersRepository, type UsersRepository } from '../users/repository.ts';
import { toUserDto } from '../users/schemas.ts';
import { createAdminRepository } from './repository.ts';
import type { StudentExport } from './schemas.ts';

function repositories(db: Db) {
  return {
    admin: createAdminRepository(db),
    users: createUsersRepository(db),
    memories: createMemoriesRepository(db),
    personas: createPersonasRepository(db),
    revisions: createPersonaRevisionsRepository(db),
    corrections: createPersonaCorrectionsRepository(db),
    feedback: createFeedbackRepository(db),
    jobs: createJobsRepository(db),
    alerts: createSafetyAlertsRepository(db),
  };
}

/** What operators see and do to students: find them, look at one, export or erase everything about them. */
export function createAdminService(db: Db, queue: JobQueue) {
  const repos = repositories(db);

  async function existingStudent(users: UsersRepository, id: number) {
    const user = await users.findById(id);
    if (!user) throw new NotFound(`User ${id} not found.`);
    return user;
  }

  return {
    async searchStudents(search: string | undefined, limit: number, offset: number) {
      const rows = await repos.admin.listStudents(search, limit, offset);
      return rows.map((row) => ({
        ...toUserDto(row.user),
        conversation_count: row.conversationCount,
        has_persona: row.hasPersona,
      }));
    },

    async studentDetail(id: number) {
      const user = await existingStudent(repos.users, id);
      const [conversations, persona] = await Promise.all([
        repos.admin.listConversationsWithMemoryFlag(user.id),
        repos.personas.findByUser(user.id),
      ]);
      return {
        ...toUserDto(user),
        conversations: conversations.map((c) => ({
          id: c.id,
          title: c.title,
          updated_at: iso(c.updatedAt),
          has_memory: c.hasMemory,
        })),
        persona: persona ? toPersonaDto(persona) : null,
      };
    },

    /**
     * Erases a student in one transaction: their rows (the foreign keys cascade) and every queue job,
     * waiting or finished, whose payload carries their id, their words or one of their job rows. The
     * audit log keeps its entries about them, reduced to who did what to which id and when.
     */
    async deleteStudent(actor: AuditActor, id: number): Promise<void> {
      await db.transaction(async (tx) => {
        const erasing = repositories(tx);
        const jobs = await erasing.jobs.listForUser(id);
        if (!(await erasing.admin.deleteStudent(id))) throw new NotFound(`User ${id} not found.`);
        await queue.deleteJobsWithData({ user_id: id }, { tx });
        // a memory batch's payload names its job row and conversations, not the student
        for (const job of jobs) await queue.deleteJobsWithData({ job_id: job.id }, { tx });
        await createAuditRepository(tx).eraseStudent(id);
        await recordAudit(tx, actor, {
          action: 'student.delete',
          targetType: 'student',
          targetId: id,
          details: { user_id: id },
        });
      });
    },

    /**
     * Everything stored about a student, read in one snapshot so the parts agree with each other; the
     * export's audit entry is written in it too (so the snapshot is not read-only).
     */
    async exportStudent(actor: AuditActor, id: number): Promise<StudentExport> {
      return db.transaction(
        async (tx) => {
          const snapshot = repositories(tx);
          const user = await existingStudent(snapshot.users, id);
          // one after another: a transaction is one connection, which runs one query at a time
          const conversations = await snapshot.admin.listConversations(user.id);
          const messages = await snapshot.admin.listMessagesWithPipelineData(user.id);
          const memories = await snapshot.memories.listForUser(user.id);
          const persona = await snapshot.personas.findByUser(user.id);
          const revisions = await snapshot.revisions.listForUser(user.id);
          const corrections = await snapshot.corrections.listForUser(user.id);
          const feedback = await snapshot.feedback.listForUser(user.id);
          const jobs = await snapshot.jobs.listForUser(user.id);
          const alerts = await snapshot.alerts.listForUser(user.id);
          await recordAudit(tx, actor, {
            action: 'student.export',
            targetType: 'student',
            targetId: id,
            details: { user_id: id },
          });
          const memoryOf = new Map(memories.map((m) => [m.conversationId, toMemoryDto(m)]));
          const messagesOf = new Map<number, typeof messages>();
          for (const row of messages) {
            const list = messagesOf.get(row.message.conversationId);
            if (list) list.push(row);
            else messagesOf.set(row.message.conversationId, [row]);
          }
          return {
            exported_at: iso(new Date()),
            user: toUserDto(user),
            conversations: conversations.map((row) => {
              // the owner is the exported user already
              const { user_id: _owner, ...conversation } = toConversationDto(row);
              return {
                ...conversation,
                prompt_version_id: row.promptVersionId,
                messages: (messagesOf.get(row.id) ?? []).map(({ message, pipelineData }) => ({
                  ...toMessageDto(message),
                  responds_to_message_id: message.respondsToMessageId,
                  pipeline_data: pipelineData,
                  safety_flags: message.safetyFlags,
                })),
                memory: memoryOf.get(row.id) ?? null,
              };
            }),
            persona: persona ? toPersonaDto(persona) : null,
            persona_revisions: revisions.map(toRevisionDto),
            persona_corrections: corrections.map((row) => {
              // the owner is the exported user already
              const { user_id: _owner, name: _name, ...correction } = toCorrectionDto(row, user.name);
              return correction;
            }),
            feedback: feedback.map(toFeedbackDto),
            generation_jobs: jobs.map(toJobDto),
            safety_alerts: alerts.map((row) => {
              // the owner is the exported user already
              const { user_id: _owner, name: _name, ...alert } = toSafetyAlertDto(row, user.name);
              return alert;
            }),
          };
        },
        { isolationLevel: 'repeatable read' },
      );
    },
  };
}
