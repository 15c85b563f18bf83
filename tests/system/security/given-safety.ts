import { raiseAlert } from '../../../apps/backend/src/safety-alerts/service.ts';
import type { Student, TestBackend } from '../../../apps/backend/test/harness.ts';
import { givenQuestion } from './given.ts';

/** An open safety alert about one of the student's messages, raised as the turn's path raises one; its id. */
export async function givenAlert(backend: TestBackend, student: Student): Promise<number> {
  const { conversationId, messageId } = await givenQuestion(backend, student);
  const alert = await backend.database.db.transaction((tx) =>
    raiseAlert(
      tx,
      backend.queue,
      {
        userId: student.id,
        conversationId,
        messageId,
        category: 'self_harm',
        severity: 'high',
        content: 'Why is the sea salty?',
      },
      { webhook: false },
    ),
  );
  return alert.id;
}
