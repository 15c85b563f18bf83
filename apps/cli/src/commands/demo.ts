import { type CoachApi, isDryRun } from '../api.ts';
import { defaultBackendUrl } from '../connection.ts';
import { createProgressView, followJobs } from '../progress.ts';
import { plural, renderPersona, renderRevisionForReview } from '../render.ts';
import { DEMO_STUDENTS, type DemoStudent } from './demo-students.ts';
import { personaOutcomeOf } from './personas.ts';

export interface LoadedStudent {
  id: number;
  /** The name to log in with (the demo name with the Backend's suffix). */
  name: string;
  student: DemoStudent;
}

/**
 * `coach demo`: loads the demo students through the HTTP API only. Each student logs in, opens
 * conversations and sends messages with purpose `test` (stored, no Brain turn); the demo then posts
 * the coach's written reply as the Brain would. That takes a second whatever model is configured, and
 * the replies read like a coach's; the memories and personas are then the real Brain's work.
 */
export async function loadDemo(api: CoachApi, options: { generate: boolean }): Promise<number> {
  const students = await loadStudents(api);
  printLoaded(students, api.url);
  if (!options.generate) {
    printNextSteps(students, api.url);
    return 0;
  }
  return generatePersonas(api, students);
}

async function loadStudents(api: CoachApi): Promise<LoadedStudent[]> {
  const total = DEMO_STUDENTS.flatMap((s) => s.conversations.flatMap((c) => c.exchanges)).length;
  const view = createProgressView('loading demo students');
  let done = 0;
  const loaded: LoadedStudent[] = [];
  try {
    view.update({ done, total, status: 'logging in' });
    for (const student of DEMO_STUDENTS) {
      const login = await api.login(student.name);
      const token = login.access_token;
      for (const conversation of student.conversations) {
        const { id: conversationId } = await api.createConversation(token, conversation.title);
        for (const exchange of conversation.exchanges) {
          const { message } = await api.postTestMessage(token, conversationId, exchange.student);
          await api.postCoachReply({
            user_id: login.user.id,
            conversation_id: conversationId,
            original_message_id: message.id,
            llm_response: exchange.coach,
            pipeline_data: { steps: [], source: 'coach demo' },
          });
          view.update({ done: ++done, total, status: login.user.name ?? student.name });
        }
      }
      loaded.push({ id: login.user.id, name: login.user.name ?? student.name, student });
    }
  } finally {
    view.stop();
  }
  return loaded;
}

function printLoaded(students: LoadedStudent[], url: string): void {
  const conversations = students.flatMap((s) => s.student.conversations);
  const messages = 2 * conversations.flatMap((c) => c.exchanges).length;
  console.log(
    `Loaded ${plural(students.length, 'demo student')} with ${plural(conversations.length, 'conversation')} (${messages} messages) into ${url}:\n`,
  );
  const rows = [
    ['id', 'name', 'grade', 'conversations', 'interests'],
    ...students.map(({ id, name, student }) => [
      String(id),
      name,
      String(student.grade),
      String(student.conversations.length),
      student.interests,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) {
    console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`.trimEnd());
  }
}

function printNextSteps(students: LoadedStudent[], url: string): void {
  const [first, second] = students;
  if (!first) return;
  // the connection options belong to each command, so a non-default address goes at the end
  const at = url === defaultBackendUrl() ? '' : ` --url ${url}`;
  const steps = [
    [`npx coach personas generate --user ${first.id}${at}`, `${first.student.name}'s memories, then the persona`],
    ...(second
      ? [[`npx coach memories generate --user ${second.id}${at}`, `only ${second.student.name}'s memories`]]
      : []),
    [`npx coach personas generate --all${at}`, 'everyone whose memories are newer than their persona'],
  ];
  const width = Math.max(...steps.map(([command]) => command!.length));
  console.log('\nNext, watch their memories and personas appear:');
  for (const [command, what] of steps) console.log(`  ${command!.padEnd(width)}   # ${what}`);
  console.log(`Students log in at ${url} with their name (e.g. ${first.name}).`);
}

/** `--generate`: every demo student's persona now, followed together, then printed. */
async function generatePersonas(api: CoachApi, students: LoadedStudent[]): Promise<number> {
  const queued = await Promise.all(students.map((s) => api.generatePersonaForUser(s.id, { refreshMemories: true })));
  const jobs = await followJobs(
    api,
    // no --dry-run here: every answer names its job
    queued.flatMap((q) => (isDryRun(q) ? [] : [q.job_id])),
    { label: plural(students.length, 'persona') },
  );
  let failed = 0;
  for (const [i, job] of jobs.entries()) {
    const student = students[i]!;
    const outcome = personaOutcomeOf(job);
    if (outcome.status !== 'saved') {
      failed++;
      console.error(
        `coach: no persona for ${student.name} (user ${student.id}): ${outcome.status === 'failed' ? outcome.error : outcome.reason}`,
      );
      continue;
    }
    if (outcome.revision?.status === 'pending') {
      // review is on: the persona waits for an operator, so its revision is what there is to show
      const revision = await api.revision(outcome.revision.id);
      console.log(`\n${renderRevisionForReview({ ...revision, name: student.name }).join('\n')}`);
      continue;
    }
    console.log(`\n${renderPersona(await api.persona(student.id), { name: student.name })}`);
  }
  return failed > 0 ? 1 : 0;
}
