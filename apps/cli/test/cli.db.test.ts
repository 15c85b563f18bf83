import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generationJobs, prompts, promptVersions } from '@coach/data';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenPersona, givenStudentWithConversations, task, waitForJob } from '../../backend/test/generation.ts';
import { givenConversation, givenMessage } from '../../backend/test/harness.ts';
import { startSystem, type TestSystem } from '../../brain/test/system.ts';

// The `coach` CLI as a user runs it: a child process talking HTTP to Backend and Brain (offline model).
const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

let system: TestSystem;
// no token or address from the machine running the tests: each run says what it uses
let emptyDataDir: string;
beforeAll(async () => {
  system = await startSystem();
  emptyDataDir = mkdtempSync(path.join(os.tmpdir(), 'coach-cli-'));
});
afterAll(async () => {
  await system?.close();
  rmSync(emptyDataDir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `coach <args> --url <the test Backend> --token <admin>`, unless `url` / `token` say otherwise. */
function coach(args: string[], options: { url?: string; token?: string | null } = {}): Promise<Run> {
  const url = options.url ?? system.backend.url;
  const token = options.token === undefined ? system.backend.adminToken : options.token;
  const connection = ['--url', url, ...(token === null ? [] : ['--token', token])];
  const env = { ...process.env, COACH_ADMIN_TOKEN: '', BACKEND_URL: '', DATA_DIR: emptyDataDir };
  const child = spawn(process.execPath, [bin, ...args, ...connection], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What a `--json` run printed on stdout. */
async function coachJson(args: string[]): Promise<unknown> {
  const run = await coach(args);
  if (run.code !== 0) throw new Error(`coach ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

interface DemoStudentRow {
  id: number;
  name: string;
}

/** The students table `coach demo` prints: `  <id>  <name>  <grade>  <conversations>  <interests>`. */
function studentsIn(stdout: string): DemoStudentRow[] {
  return [...stdout.matchAll(/^ {2}(\d+) +(\S+) +\d+ +\d+ +/gm)].map((m) => ({ id: Number(m[1]), name: m[2]! }));
}

async function studentDetail(userId: number) {
  const response = await system.backend.request('GET', `/api/admin/users/${userId}`, {
    token: system.backend.adminToken,
  });
  return response.body as { conversations: Array<{ id: number; has_memory: boolean }> };
}

async function personaOf(userId: number) {
  return system.backend.request('GET', `/api/internal/users/${userId}/persona`, { token: system.backend.adminToken });
}

const jobIdIn = (stdout: string) => Number(/\(job (\d+)\)/.exec(stdout)?.[1]);

describe('from the demo to a persona (the issue\'s "Done when")', () => {
  let students: DemoStudentRow[] = [];
  let personaJobId: number;

  it('coach demo loads three students with conversations and says what to run next', async () => {
    const run = await coach(['demo']);

    expect(run.code).toBe(0);
    students = studentsIn(run.stdout);
    expect(students.map((s) => s.name)).toEqual([
      expect.stringMatching(/^Aarav-\d+$/),
      expect.stringMatching(/^Meera-\d+$/),
      expect.stringMatching(/^Kabir-\d+$/),
    ]);
    expect(run.stdout).toContain(`npx coach personas generate --user ${students[0]!.id} --url ${system.backend.url}`);
    for (const student of students) {
      const { conversations } = await studentDetail(student.id);
      expect(conversations.length).toBe(3);
      expect(conversations.every((c) => !c.has_memory)).toBe(true);
    }
  });

  it('personas generate --user shows progress and ends with the persona, readable through the API', async () => {
    const student = students[0]!;

    const run = await coach(['personas', 'generate', '--user', String(student.id)]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Queued persona generation for user ${student.id} (refreshed 3 conversations first).`);
    expect(run.stdout).toContain('Memories: 3 saved, 0 skipped, 0 failed.');
    expect(run.stderr).toContain(`persona of user ${student.id}: 4/4 · completed`);
    const persona = await personaOf(student.id);
    expect(persona.status).toBe(200);
    expect(run.stdout).toContain(`Persona of user ${student.id}`);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(persona.body.persona_data.persona);
    expect((await studentDetail(student.id)).conversations.every((c) => c.has_memory)).toBe(true);
    personaJobId = jobIdIn(run.stdout);
  });

  it('--no-refresh writes the persona without touching the memories', async () => {
    const student = students[0]!;
    const before = await personaOf(student.id);
    const login = await system.backend.request('POST', '/api/auth/login', { body: { identifier: student.name } });
    const token = { id: student.id, token: login.body.access_token as string, name: student.name };
    const fresh = await givenConversation(system.backend, token, 'Black holes');
    await givenMessage(system.backend, token, fresh, 'Can anything escape a black hole?');

    const run = await coach(['personas', 'generate', '--user', String(student.id), '--no-refresh', '--json']);

    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed).toMatchObject({ user_id: student.id, persona_data: { persona: expect.any(String) } });
    expect(Date.parse(printed.updated_at)).toBeGreaterThan(Date.parse(before.body.updated_at));
    expect(run.stderr).toContain('Memories: not refreshed (--no-refresh).');
    const { conversations } = await studentDetail(student.id);
    expect(conversations.find((c) => c.id === fresh)?.has_memory).toBe(false);
  });

  it('memories generate --user writes them, and a second run has nothing to generate', async () => {
    const student = students[1]!;

    const first = await coach(['memories', 'generate', '--user', String(student.id)]);
    const second = await coach(['memories', 'generate', '--user', String(student.id)]);

    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Memories: 3 saved, 0 skipped, 0 failed.');
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toBe(`Nothing to generate: 0 conversations (user ${student.id}, out of 0 eligible).`);
  });

  it('personas generate --all follows every queued persona and sums them up', async () => {
    // the student whose memories were just written is the one with memories newer than a persona
    const run = await coach(['personas', 'generate', '--all']);

    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([
      'Task to generate user personas has been queued for 1 users from all eligible users (out of 1 total eligible).',
      '1 generated, 0 failed.',
    ]);
    expect((await personaOf(students[1]!.id)).status).toBe(200);
  });

  it('jobs watch follows a job to its end and sums up what it did', async () => {
    const run = await coach(['jobs', 'watch', String(personaJobId)]);

    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([
      `Job ${personaJobId} (persona-for-user, user ${students[0]!.id}): completed.`,
      'Memories: 3 saved, 0 skipped, 0 failed (of 3 conversations).',
      expect.stringMatching(/^Persona: saved /),
    ]);
  });
});

describe('errors are one line and a non-zero exit', () => {
  it('jobs watch on a failed job: its error, exit 1', async () => {
    const jobId = await givenFailedJob('the model was unreachable');

    const run = await coach(['jobs', 'watch', String(jobId)]);

    expect(run.code).toBe(1);
    expect(lines(run.stderr).at(-1)).toBe(`coach: job ${jobId} failed: the model was unreachable`);
  });

  it('jobs watch on an unknown id', async () => {
    const run = await coach(['jobs', 'watch', '999999']);

    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['coach: Job 999999 not found.']);
  });

  it('an unknown student', async () => {
    const run = await coach(['personas', 'generate', '--user', '999999']);

    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['coach: User 999999 not found.']);
  });

  it("a wrong token: the API's detail", async () => {
    const run = await coach(['memories', 'generate', '--all'], { token: 'not-the-admin-token' });

    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(['coach: Invalid or unknown token. (check --token or COACH_ADMIN_TOKEN)']);
  });

  it('no token anywhere: how to give one, exit 2', async () => {
    const run = await coach(['jobs', 'watch', '1'], { token: null });

    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/^coach: no admin token: pass --token <token>, set COACH_ADMIN_TOKEN/),
    ]);
  });

  it('a Backend that is not there', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;

    const run = await coach(['personas', 'generate', '--all'], { url });

    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([`coach: cannot reach the Backend at ${url} — is \`npm start\` running?`]);
  });
});

/** A loopback port nobody listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A job that ran and then failed for good, as the dead letter leaves one. */
async function givenFailedJob(error: string): Promise<number> {
  const student = await system.backend.request('POST', '/api/auth/login', { body: { identifier: 'Failing' } });
  const queued = await task(system.backend, `/api/tasks/generate-persona-for-user/${student.body.user.id}`);
  await waitForJob(system.backend, queued.body.job_id);
  await system.backend.database.db
    .update(generationJobs)
    .set({ state: 'failed', error })
    .where(eq(generationJobs.id, queued.body.job_id));
  return queued.body.job_id;
}

describe('coach prompts lint', () => {
  it('passes the stored prompts (exit 0), then finds a typo in a version stored before the lint existed (exit 1)', async () => {
    const clean = await coach(['prompts', 'lint']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('no placeholder problems');

    // the API refuses such a text now, so it is written the way an older release stored it
    const [prompt] = await system.backend.database.db
      .select()
      .from(prompts)
      .where(eq(prompts.name, 'intent_gathering'));
    await system.backend.database.db.insert(promptVersions).values({
      promptId: prompt!.id,
      versionNumber: 99,
      promptText: 'Student: {{QUERY}}\nAbout them: {{USER_PERSONA__intrests}}',
    });
    const caught = await coach(['prompts', 'lint']);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain(
      "intent_gathering v99 2:13 {{USER_PERSONA__intrests}} USER_PERSONA has no key 'intrests'",
    );
    expect(caught.stdout).toContain('(did you mean {{USER_PERSONA__inferred_interests}}?)');
    expect(caught.stdout).toContain('1 with placeholder problems');
  });
});

describe('coach personas history and review', () => {
  let userId: number;
  let name: string;
  let pendingId: number;

  beforeAll(async () => {
    const settings = await system.backend.request('PATCH', '/api/admin/settings', {
      token: system.backend.adminToken,
      body: { persona_review: 'all' },
    });
    expect(settings.status).toBe(200);
    const { student } = await givenStudentWithConversations(system.backend, 2, {
      name: 'Reviewed',
      messages: ['Why do volcanoes erupt?', 'What makes volcanoes so hot inside?'],
    });
    userId = student.id;
    name = student.name!;
    await givenPersona(system.backend, userId, { persona: 'Knits scarves for the whole class.' });
  });
  afterAll(async () => {
    await system.backend.request('PATCH', '/api/admin/settings', {
      token: system.backend.adminToken,
      body: { persona_review: 'off' },
    });
  });

  it('personas generate says the new revision waits for review and shows its diff with the evidence', async () => {
    const run = await coach(['personas', 'generate', '--user', String(userId)]);

    expect(run.code, run.stderr).toBe(0);
    pendingId = Number(/Revision 2 waits for review \(coach personas review --approve (\d+)\)/.exec(run.stdout)?.[1]);
    expect(pendingId).toBeGreaterThan(0);
    expect(run.stdout).toContain(`Revision 2 of user ${userId} · id ${pendingId} · pending · generator`);
    expect(run.stdout).toContain('  ~ persona (changed)');
    expect(run.stdout).toContain('      before:   Knits scarves for the whole class.');
    expect(run.stdout).toContain('"Why do volcanoes erupt?"');
    expect((await personaOf(userId)).body.persona_data.persona).toBe('Knits scarves for the whole class.');
  });

  it('personas review lists it with the student, its diff and the quotes', async () => {
    const run = await coach(['personas', 'review']);
    const json = await coach(['personas', 'review', '--json']);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\d+ persona revisions? waiting for review, oldest first:/);
    expect(run.stdout).toContain(`Revision 2 of ${name} (user ${userId}) · id ${pendingId} · pending · generator`);
    expect(run.stdout).toContain('+ inferred_interests (added)');
    expect(run.stdout).toMatch(/evidence: "Why do volcanoes erupt\?" \(memory \d+, conversation \d+\)/);
    expect(run.stdout).toContain('Approve: coach personas review --approve <id>');
    const queue = JSON.parse(json.stdout) as Array<{ id: number; status: string }>;
    expect(queue.find((revision) => revision.id === pendingId)).toMatchObject({ status: 'pending' });
    expect(queue.every((revision) => revision.status === 'pending')).toBe(true);
  });

  it('personas history shows every revision newest first, the current one marked', async () => {
    const run = await coach(['personas', 'history', '--user', String(userId)]);
    const json = await coach(['personas', 'history', '--user', String(userId), '--json']);

    expect(run.code, run.stderr).toBe(0);
    expect(lines(run.stdout)[0]).toBe(`Persona revisions of user ${userId}, newest first:`);
    expect(lines(run.stdout)[2]).toMatch(new RegExp(`^ {2}2 +${pendingId} +pending +generator +.+ UTC +.*~persona`));
    expect(lines(run.stdout)[3]).toMatch(/^ {2}1 +\d+ +approved \(current\) +operator +/);
    expect((JSON.parse(json.stdout) as Array<{ number: number }>).map((revision) => revision.number)).toEqual([2, 1]);
  });

  it('--approve makes it the current persona; approving it again is refused with the 409 detail', async () => {
    const approved = await coach(['personas', 'review', '--approve', String(pendingId)]);
    const again = await coach(['personas', 'review', '--approve', String(pendingId)]);

    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout.trim()).toBe(
      `Approved revision 2 of user ${userId} (id ${pendingId}): it is the current persona now.`,
    );
    expect((await personaOf(userId)).body.persona_data.persona).toContain('volcanoes');
    expect(again.code).toBe(1);
    expect(lines(again.stderr)).toEqual([`coach: Persona revision ${pendingId} is approved, not pending.`]);
    expect(again.stdout).toBe('');
  });

  it('--reject with a reason leaves the current persona as it was', async () => {
    const before = (await personaOf(userId)).body;
    await task(system.backend, `/api/tasks/generate-persona-for-user/${userId}?sync=true`);
    const [pending] = (await coachJson(['personas', 'history', '--user', String(userId), '--json'])) as Array<{
      id: number;
      number: number;
      status: string;
    }>;

    const run = await coach(['personas', 'review', '--reject', String(pending!.id), '--reason', 'Not what he said']);
    const history = await coach(['personas', 'history', '--user', String(userId)]);

    expect(pending).toMatchObject({ number: 3, status: 'pending' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`Rejected revision 3 of user ${userId} (id ${pending!.id}): Not what he said.`);
    expect((await personaOf(userId)).body).toEqual(before);
    expect(lines(history.stdout)[2]).toMatch(/^ {2}3 +\d+ +rejected +generator /);
    expect(lines(history.stdout)[3]).toMatch(/^ {2}2 +\d+ +approved \(current\) +generator /);
  });

  it('personas generate --all counts the personas that wait for review', async () => {
    const { student } = await givenStudentWithConversations(system.backend, 1, { name: 'Queued' });
    await task(system.backend, `/api/tasks/generate-memories-for-user/${student.id}?sync=true`);

    const run = await coach(['personas', 'generate', '--all']);

    expect(run.code, run.stderr).toBe(0);
    expect(lines(run.stdout).at(-1)).toMatch(
      /^(\d+) generated \(\1 waiting for review: coach personas review\), 0 failed\.$/,
    );
  });

  it('refuses --reason without --reject and --approve with --reject (exit 2)', async () => {
    const reasonAlone = await coach(['personas', 'review', '--reason', 'why not']);
    const both = await coach(['personas', 'review', '--approve', '1', '--reject', '2']);

    expect(reasonAlone.code).toBe(2);
    expect(lines(reasonAlone.stderr)).toEqual(['coach: --reason goes with --reject <id>.']);
    expect(both.code).toBe(2);
  });
});

describe('budgets, resume and dry runs', () => {
  it('--dry-run prints the estimate; --max-calls stops (exit 3) and says how to resume; jobs resume finishes it', async () => {
    const { student } = await givenStudentWithConversations(system.backend, 4, { name: 'CliBudget' });
    const user = String(student.id);

    const dry = await coach(['memories', 'generate', '--user', user, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout.trim()).toMatch(
      /^Dry run: 4 selected; about 4 model calls, \d+ input and \d+ output tokens \(an estimate; nothing was queued\)\.$/,
    );

    const stopped = await coach(['memories', 'generate', '--user', user, '--max-calls', '2']);
    expect(stopped.code).toBe(3);
    expect(stopped.stdout).toContain('Memories: 2 saved, 0 skipped, 0 failed.');
    const jobId = /\(job (\d+)\)/.exec(stopped.stdout)?.[1];
    expect(stopped.stdout).toContain(
      `Stopped at its budget; left: 2 conversations. Go on with: coach jobs resume ${jobId} [--max-calls N] [--max-tokens N]`,
    );

    const resumed = await coach(['jobs', 'resume', String(jobId)]);
    expect(resumed.code).toBe(0);
    expect(lines(resumed.stdout)).toEqual([
      `Resumed job ${jobId}.`,
      `Job ${jobId} (memory-batch, user ${student.id}): completed after 2 attempts.`,
      'Memories: 4 saved, 0 skipped, 0 failed (of 4 conversations).',
    ]);

    const again = await coach(['jobs', 'resume', String(jobId)]);
    expect(again.code).toBe(1);
    expect(lines(again.stderr)).toEqual([`coach: Job ${jobId} is completed; only a stopped job can be resumed.`]);
  });

  it('a budget the API refuses is its 422 detail', async () => {
    const run = await coach(['memories', 'generate', '--all', '--max-calls', '0']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('must be a whole number from 1 to 1000000');
  });
});
