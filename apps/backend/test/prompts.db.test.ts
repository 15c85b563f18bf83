import { MEMORY_FALLBACK, PERSONA_FALLBACK } from '@coach/core';
import {
  conversationMemories,
  conversations,
  flowConfigs,
  generationJobs,
  messagePipelineData,
  messages,
  personaRevisions,
  prompts,
  promptVersions,
  userPersonas,
  users,
} from '@coach/data';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  givenConversation,
  givenMessage,
  givenStudent,
  type Student,
  startBackend,
  type TestBackend,
} from './harness.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.close());

interface Version {
  id: number;
  prompt_id: number;
  version_number: number;
  prompt_text: string;
  is_active: boolean;
  is_production: boolean;
  user_id: number | null;
  created_at: string;
}

const asAdmin = (method: string, path: string, body?: unknown) =>
  backend.request(method, path, { token: backend.adminToken, body });

async function givenPrompt(name: string, initialText?: string): Promise<{ id: number; name: string }> {
  const response = await asAdmin('POST', '/api/prompts', { name, initial_version_text: initialText });
  if (response.status !== 201)
    throw new Error(`create prompt failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function givenVersion(prompt: string | number, text: string, query = '', isProduction?: boolean) {
  const response = await asAdmin('POST', `/api/prompts/${prompt}/versions${query}`, {
    prompt_text: text,
    is_production: isProduction,
  });
  if (response.status !== 201)
    throw new Error(`create version failed: ${response.status} ${JSON.stringify(response.body)}`);
  // the save's own answer adds the lint's warnings to the version
  const { warnings: _warnings, ...version } = response.body;
  return version as Version;
}

async function versionsOf(prompt: string | number): Promise<Version[]> {
  return (await asAdmin('GET', `/api/prompts/${prompt}/versions`)).body;
}

const flags = (versions: Version[]) =>
  versions.map((v) => ({ n: v.version_number, active: v.is_active, production: v.is_production }));

describe('prompts', () => {
  it('creates a prompt without versions, and with version 1 (active) from an initial text', async () => {
    const bare = await asAdmin('POST', '/api/prompts', { name: 'bare_prompt', description: 'no text yet' });
    expect(bare.status).toBe(201);
    expect(bare.body).toMatchObject({
      name: 'bare_prompt',
      description: 'no text yet',
      versions: [],
      active_prompt_version: null,
    });

    const seeded = await asAdmin('POST', '/api/prompts', { name: '  seeded_prompt ', initial_version_text: 'Hello' });
    expect(seeded.status).toBe(201);
    expect(seeded.body.name).toBe('seeded_prompt');
    expect(seeded.body.description).toBeNull();
    expect(seeded.body.versions).toHaveLength(1);
    expect(seeded.body.active_prompt_version).toMatchObject({
      prompt_id: seeded.body.id,
      version_number: 1,
      prompt_text: 'Hello',
      is_active: true,
      is_production: false,
      user_id: null,
    });
  });

  it('refuses a second prompt with the same name with 409', async () => {
    await givenPrompt('twice', 'first');
    const again = await asAdmin('POST', '/api/prompts', { name: 'twice', initial_version_text: 'second' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe("A prompt named 'twice' already exists.");
    expect((await versionsOf('twice')).map((v) => v.prompt_text)).toEqual(['first']);
  });

  it('lists every prompt with its active version number and text, nulls when none is active', async () => {
    const withText = await givenPrompt('listed_with_text', 'v1 text');
    await givenVersion('listed_with_text', 'v2 text', '?set_active=true');
    const without = await givenPrompt('listed_without_text');
    const list = await asAdmin('GET', '/api/prompts');
    expect(list.status).toBe(200);
    const byName = new Map(list.body.map((p: { name: string }) => [p.name, p]));
    expect(byName.get('listed_with_text')).toEqual({
      id: withText.id,
      name: 'listed_with_text',
      description: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      active_version_number: 2,
      active_version_text: 'v2 text',
    });
    expect(byName.get('listed_without_text')).toMatchObject({
      id: without.id,
      active_version_number: null,
      active_version_text: null,
    });
  });

  it('finds a prompt by id and by name, and answers 404 for neither', async () => {
    const prompt = await givenPrompt('findable', 'text');
    const byId = await asAdmin('GET', `/api/prompts/${prompt.id}`);
    const byName = await asAdmin('GET', '/api/prompts/findable');
    expect(byId.status).toBe(200);
    expect(byName.body).toEqual(byId.body);
    expect(byName.body.active_prompt_version.version_number).toBe(1);

    const unknownId = await asAdmin('GET', '/api/prompts/999999');
    expect(unknownId.status).toBe(404);
    expect(unknownId.body.detail).toBe('Prompt 999999 not found.');
    const unknownName = await asAdmin('GET', '/api/prompts/nobody_wrote_this');
    expect(unknownName.status).toBe(404);
    expect(unknownName.body.detail).toBe("Prompt 'nobody_wrote_this' not found.");
  });

  it('numbers versions 1, 2, 3 and leaves the active one alone unless set_active is true', async () => {
    const prompt = await givenPrompt('numbered', 'one');
    const two = await givenVersion('numbered', 'two');
    const three = await givenVersion(prompt.id, 'three', '?set_active=false');
    expect([two.version_number, three.version_number]).toEqual([2, 3]);
    expect(two).toMatchObject({ prompt_id: prompt.id, is_active: false, is_production: false, user_id: null });
    expect(flags(await versionsOf('numbered'))).toEqual([
      { n: 1, active: true, production: false },
      { n: 2, active: false, production: false },
      { n: 3, active: false, production: false },
    ]);

    const four = await givenVersion('numbered', 'four', '?set_active=1');
    expect(four).toMatchObject({ version_number: 4, is_active: true });
    const five = await givenVersion('numbered', 'five', '?set_active=true');
    expect(five.is_active).toBe(true);
    expect((await versionsOf('numbered')).filter((v) => v.is_active).map((v) => v.version_number)).toEqual([5]);

    const bad = await asAdmin('POST', '/api/prompts/numbered/versions?set_active=maybe', { prompt_text: 'six' });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toContain('set_active');
  });

  it('keeps version numbers unique and gapless when versions are added at the same time', async () => {
    await givenPrompt('crowded');
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) => givenVersion('crowded', `text ${i}`, '?set_active=true', i % 2 === 0)),
    );
    expect(created.map((v) => v.version_number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const versions = await versionsOf('crowded');
    expect(versions.filter((v) => v.is_active)).toHaveLength(1);
    expect(versions.filter((v) => v.is_production)).toHaveLength(1);
  });

  it('moves the production flag to a new version created with is_production', async () => {
    await givenPrompt('promoted', 'one');
    await givenVersion('promoted', 'two', '', true);
    await givenVersion('promoted', 'three', '', true);
    expect(flags(await versionsOf('promoted'))).toEqual([
      { n: 1, active: true, production: false },
      { n: 2, active: false, production: false },
      { n: 3, active: false, production: true },
    ]);
  });

  it('switches the active version with set-active and answers with the prompt', async () => {
    const prompt = await givenPrompt('switchable', 'one');
    const two = await givenVersion('switchable', 'two');
    const switched = await asAdmin('POST', '/api/prompts/switchable/versions/set-active', { version_id: two.id });
    expect(switched.status).toBe(200);
    expect(switched.body.id).toBe(prompt.id);
    expect(switched.body.active_prompt_version).toMatchObject({ id: two.id, version_number: 2 });
    expect(switched.body.versions.map((v: Version) => v.is_active)).toEqual([false, true]);
  });

  it("refuses to activate another prompt's version (400) or an unknown one (404)", async () => {
    await givenPrompt('mine', 'mine v1');
    const other = await givenPrompt('theirs', 'theirs v1');
    const [theirs] = await versionsOf(other.id);
    const foreign = await asAdmin('POST', '/api/prompts/mine/versions/set-active', { version_id: theirs!.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.detail).toContain('belongs to another prompt');
    const unknown = await asAdmin('POST', '/api/prompts/mine/versions/set-active', { version_id: 999999 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('Prompt version 999999 not found.');
    expect((await versionsOf('theirs'))[0]!.is_active).toBe(true);
  });

  it('answers 404 for the active, production and earliest version until one exists', async () => {
    await givenPrompt('empty_at_first');
    for (const [which, detail] of [
      ['active', "Prompt 'empty_at_first' has no active version."],
      ['production', "Prompt 'empty_at_first' has no production version."],
      ['earliest', "Prompt 'empty_at_first' has no versions yet."],
    ] as const) {
      const response = await asAdmin('GET', `/api/prompts/empty_at_first/versions/${which}`);
      expect(response.status, which).toBe(404);
      expect(response.body.detail).toBe(detail);
    }
    const one = await givenVersion('empty_at_first', 'one', '?set_active=true', true);
    await givenVersion('empty_at_first', 'two');
    for (const which of ['active', 'production', 'earliest']) {
      const response = await asAdmin('GET', `/api/prompts/empty_at_first/versions/${which}`);
      expect(response.status, which).toBe(200);
      expect(response.body).toEqual(one);
    }
  });

  it('sets and unsets the production version by version number', async () => {
    await givenPrompt('released', 'one');
    await givenVersion('released', 'two');
    const first = await asAdmin('POST', '/api/prompts/released/versions/1/set-production');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version_number: 1, is_production: true });
    const second = await asAdmin('POST', '/api/prompts/released/versions/2/set-production');
    expect(second.body).toMatchObject({ version_number: 2, is_production: true });
    expect((await versionsOf('released')).map((v) => v.is_production)).toEqual([false, true]);

    const unset = await asAdmin('DELETE', '/api/prompts/released/versions/2/unset-production');
    expect(unset.status).toBe(200);
    expect(unset.body).toMatchObject({ version_number: 2, is_production: false });
    expect((await asAdmin('GET', '/api/prompts/released/versions/production')).status).toBe(404);

    const missing = await asAdmin('POST', '/api/prompts/released/versions/7/set-production');
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe("Prompt 'released' has no version 7.");
  });

  it('ends with exactly one production version when several are promoted at once', async () => {
    await givenPrompt('contested', 'one');
    for (const text of ['two', 'three', 'four']) await givenVersion('contested', text);
    const responses = await Promise.all(
      [1, 2, 3, 4].map((n) => asAdmin('POST', `/api/prompts/contested/versions/${n}/set-production`)),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect((await versionsOf('contested')).filter((v) => v.is_production)).toHaveLength(1);
  });

  it('deletes a prompt with its versions; conversations that used a version keep going', async () => {
    const prompt = await givenPrompt('doomed', 'one');
    const [version] = await versionsOf(prompt.id);
    const asha = await givenStudent(backend);
    const conversationId = await givenConversation(backend, asha);
    const message = await givenMessage(backend, asha, conversationId);
    const reply = await backend.request('POST', '/api/internal/brain_response', {
      token: backend.internalToken,
      body: {
        user_id: asha.id,
        conversation_id: conversationId,
        original_message_id: message.id,
        llm_response: 'What do you think?',
        pipeline_data: {},
        prompt_version_id: version!.id,
      },
    });
    expect(reply.status).toBe(202);

    expect((await asAdmin('DELETE', `/api/prompts/${prompt.id}`)).status).toBe(204);
    expect((await asAdmin('GET', `/api/prompts/${prompt.id}`)).status).toBe(404);
    expect((await asAdmin('GET', '/api/prompts/doomed/versions')).status).toBe(404);
    expect((await asAdmin('DELETE', `/api/prompts/${prompt.id}`)).status).toBe(404);
    const conversation = await backend.request('GET', `/api/conversations/${conversationId}`, { token: asha.token });
    expect(conversation.status).toBe(200);
  });

  it('renames a prompt and changes its description, but refuses a name another prompt has', async () => {
    const prompt = await givenPrompt('old_name');
    await givenPrompt('taken_name');
    const renamed = await asAdmin('PUT', `/api/prompts/${prompt.id}`, {
      name: 'new_name',
      description: 'now described',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: prompt.id, name: 'new_name', description: 'now described' });
    expect((await asAdmin('GET', '/api/prompts/old_name')).status).toBe(404);

    const cleared = await asAdmin('PUT', `/api/prompts/${prompt.id}`, { description: null });
    expect(cleared.body).toMatchObject({ name: 'new_name', description: null });

    const clash = await asAdmin('PUT', `/api/prompts/${prompt.id}`, { name: 'taken_name' });
    expect(clash.status).toBe(409);
    expect(clash.body.detail).toBe("A prompt named 'taken_name' already exists.");
    expect((await asAdmin('GET', `/api/prompts/${prompt.id}`)).body.name).toBe('new_name');

    expect((await asAdmin('PUT', '/api/prompts/999999', { name: 'ghost' })).status).toBe(404);
  });

  it('refuses bad input with 422 and a detail, and writes nothing', async () => {
    await givenPrompt('guarded', 'one');
    const before = await asAdmin('GET', '/api/prompts');
    const tooLong = 'x'.repeat(100_001);
    for (const [method, path, body, field] of [
      ['POST', '/api/prompts', { name: '' }, 'name'],
      ['POST', '/api/prompts', { name: '   ' }, 'name'],
      ['POST', '/api/prompts', { name: 'has spaces' }, 'name'],
      ['POST', '/api/prompts', { name: '12345' }, 'name'],
      ['POST', '/api/prompts', { name: 'n'.repeat(101) }, 'name'],
      ['POST', '/api/prompts', { description: 'no name' }, 'name'],
      ['POST', '/api/prompts', { name: 'long_start', initial_version_text: tooLong }, 'initial_version_text'],
      ['POST', '/api/prompts/guarded/versions', {}, 'prompt_text'],
      ['POST', '/api/prompts/guarded/versions', { prompt_text: '' }, 'prompt_text'],
      ['POST', '/api/prompts/guarded/versions', { prompt_text: '  \n ' }, 'prompt_text'],
      ['POST', '/api/prompts/guarded/versions', { prompt_text: tooLong }, 'prompt_text'],
      ['POST', '/api/prompts/guarded/versions', { prompt_text: 'ok', is_production: 'yes' }, 'is_production'],
      ['POST', '/api/prompts/guarded/versions/set-active', { version_id: 'first' }, 'version_id'],
      ['POST', '/api/prompts/guarded/versions/set-active', { version_id: true }, 'version_id: must be an integer id'],
      ['POST', '/api/prompts/guarded/versions/set-active', { version_id: '1' }, 'version_id: must be an integer id'],
      [
        'POST',
        '/api/prompts/guarded/versions',
        { prompt_text: 'Answer {{QUERY}}\u0000 kindly' },
        'body.prompt_text: Text must not contain the NUL character (U+0000).',
      ],
      ['POST', '/api/prompts', { name: 'nul_start', initial_version_text: '\u0000' }, 'NUL character (U+0000)'],
      ['POST', '/api/prompts/guarded/versions/one/set-production', undefined, 'params.n'],
      ['POST', '/api/prompts/guarded/versions/1.5/set-production', undefined, 'params.n'],
      ['DELETE', '/api/prompts/guarded/versions/0/unset-production', undefined, 'params.n'],
      ['PUT', '/api/prompts/guarded', { description: 'by name' }, 'must be an integer id'],
      ['DELETE', '/api/prompts/guarded', undefined, 'must be an integer id'],
      ['PUT', '/api/prompts/1', { name: 'bad/name' }, 'name'],
    ] as const) {
      const response = await asAdmin(method, path, body);
      expect(response.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 80)}`).toBe(422);
      expect(response.body.detail).toContain(field);
    }
    expect((await asAdmin('GET', '/api/prompts')).body).toEqual(before.body);
    expect((await versionsOf('guarded')).map((v) => v.version_number)).toEqual([1]);
  });

  it('needs the admin token to write; the internal token may only read', async () => {
    await givenPrompt('protected', 'one');
    const asha = await givenStudent(backend, 'Meera');
    const writes = [
      ['POST', '/api/prompts', { name: 'sneaky' }],
      ['POST', '/api/prompts/protected/versions', { prompt_text: 'sneaky' }],
      ['POST', '/api/prompts/protected/versions/1/set-production', undefined],
    ] as const;
    const reads = ['/api/prompts', '/api/prompts/protected', '/api/prompts/protected/versions/active'];

    for (const [method, path, body] of writes) {
      expect((await backend.request(method, path, { body })).status, `${method} ${path}`).toBe(401);
      const student = await backend.request(method, path, { token: asha.token, body });
      expect(student.status, `${method} ${path}`).toBe(403);
      const internal = await backend.request(method, path, { token: backend.internalToken, body });
      expect(internal.status, `${method} ${path}`).toBe(403);
      expect(internal.body.detail).toBe('This route is for operators: sign in as staff or use the admin token.');
    }
    for (const path of reads) {
      expect((await backend.request('GET', path)).status, path).toBe(401);
      expect((await backend.request('GET', path, { token: asha.token })).status, path).toBe(403);
      expect((await backend.request('GET', path, { token: backend.internalToken })).status, path).toBe(200);
    }
    expect((await asAdmin('GET', '/api/prompts/sneaky')).status).toBe(404);
    expect((await versionsOf('protected')).map((v) => v.prompt_text)).toEqual(['one']);
  });
});

describe("ensuring the Brain's built-in prompts", () => {
  const builtIn = [
    { name: 'ensured_chat', description: 'chat turn', prompt_text: 'You are a coach.' },
    { name: 'ensured_memory', prompt_text: 'Summarise the conversation.' },
  ];
  const ensure = (prompts: unknown[]) =>
    backend.request('POST', '/api/internal/prompts/ensure', { token: backend.internalToken, body: { prompts } });

  it('creates each missing prompt exactly once when two processes ensure them at the same time', async () => {
    const [first, second] = await Promise.all([ensure(builtIn), ensure(builtIn)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const created = [...first.body.created, ...second.body.created].sort();
    const existing = [...first.body.existing, ...second.body.existing].sort();
    expect(created).toEqual(['ensured_chat', 'ensured_memory']);
    expect(existing).toEqual(['ensured_chat', 'ensured_memory']);
    for (const { name, prompt_text } of builtIn) {
      const versions = await versionsOf(name);
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ version_number: 1, prompt_text, is_active: true, is_production: true });
    }
    expect((await asAdmin('GET', '/api/prompts/ensured_chat')).body.description).toBe('chat turn');
  });

  it('leaves prompts that already exist untouched', async () => {
    await givenPrompt('operator_owned', 'edited by an operator');
    const response = await ensure([
      { name: 'operator_owned', prompt_text: 'built-in text' },
      { name: 'brand_new', prompt_text: 'built-in text' },
    ]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ created: ['brand_new'], existing: ['operator_owned'] });
    expect(flags(await versionsOf('operator_owned'))).toEqual([{ n: 1, active: true, production: false }]);
    expect((await versionsOf('operator_owned'))[0]!.prompt_text).toBe('edited by an operator');
  });

  it('refuses a list that is malformed or names a prompt twice, creating nothing', async () => {
    const twice = await ensure([
      { name: 'dup_builtin', prompt_text: 'a' },
      { name: 'dup_builtin', prompt_text: 'b' },
    ]);
    expect(twice.status).toBe(422);
    expect(twice.body.detail).toContain('same prompt twice');
    const noText = await ensure([{ name: 'textless_builtin' }]);
    expect(noText.status).toBe(422);
    expect(noText.body.detail).toContain('prompt_text');
    expect((await asAdmin('GET', '/api/prompts/dup_builtin')).status).toBe(404);
    expect((await asAdmin('GET', '/api/prompts/textless_builtin')).status).toBe(404);
    const student = await givenStudent(backend, 'Kabir');
    const forbidden = await backend.request('POST', '/api/internal/prompts/ensure', {
      token: student.token,
      body: { prompts: builtIn },
    });
    expect(forbidden.status).toBe(403);
  });
});

describe('the version a chat turn uses', () => {
  const versionFor = (name: string, purpose: string) =>
    backend.request('GET', `/api/internal/prompts/${name}/version-for/${purpose}`, { token: backend.internalToken });

  it('is the production version for chat and the active version for test-prompt', async () => {
    await givenPrompt('purposeful', 'draft');
    const noProduction = await versionFor('purposeful', 'chat');
    expect(noProduction.status).toBe(404);
    expect(noProduction.body.detail).toContain("Prompt 'purposeful' has no production version");

    const live = await givenVersion('purposeful', 'live', '', true);
    const trial = await givenVersion('purposeful', 'trial', '?set_active=true');
    const chat = await versionFor('purposeful', 'chat');
    expect(chat.status).toBe(200);
    expect(chat.body).toEqual(live);
    expect((await versionFor('purposeful', 'test-prompt')).body).toEqual(trial);
  });

  it('answers 404 for an unknown prompt and 422 for an unknown purpose', async () => {
    const unknown = await versionFor('never_stored', 'chat');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe("Prompt 'never_stored' not found.");
    const badPurpose = await versionFor('purposeful', 'test');
    expect(badPurpose.status).toBe(422);
    expect(badPurpose.body.detail).toContain('purpose');
  });
});

describe('versions for a purpose, all prompts at once', () => {
  it('maps each prompt name to its production version for chat and its active version for test-prompt', async () => {
    const headers = { token: backend.adminToken };
    await backend.request('POST', '/api/prompts', {
      ...headers,
      body: { name: 'batch_a', initial_version_text: 'A1' },
    });
    await backend.request('POST', '/api/prompts/batch_a/versions', {
      ...headers,
      body: { prompt_text: 'A2', is_production: true },
    });
    const chat = await backend.request('GET', '/api/internal/prompts/versions-for/chat', {
      token: backend.internalToken,
    });
    expect(chat.status).toBe(200);
    expect(chat.body.batch_a.prompt_text).toBe('A2');
    const testPrompt = await backend.request('GET', '/api/internal/prompts/versions-for/test-prompt', {
      token: backend.internalToken,
    });
    expect(testPrompt.body.batch_a.prompt_text).toBe('A1');
    const bad = await backend.request('GET', '/api/internal/prompts/versions-for/other', {
      token: backend.internalToken,
    });
    expect(bad.status).toBe(422);
  });
});

describe('placeholder lint on save', () => {
  it('lints a text without saving it: 200 with problems and the warnings of the prompt it is for', async () => {
    await givenPrompt('memory_generation', 'Summarise:\n{{CONVERSATION_HISTORY}}');
    const linted = await asAdmin('POST', '/api/prompts/memory_generation/lint', {
      prompt_text: '{{CONVERSATION_HISTORY}}\nThe student asked {{QUERY}} about {{USER_PERSONA__intrests}}',
    });
    expect(linted.status).toBe(200);
    expect(linted.body.problems).toEqual([
      expect.objectContaining({
        line: 2,
        column: 35,
        text: '{{USER_PERSONA__intrests}}',
        suggestion: '{{USER_PERSONA__inferred_interests}}',
      }),
    ]);
    expect(linted.body.warnings).toEqual([expect.objectContaining({ text: '{{QUERY}}', line: 2, column: 19 })]);
    expect(await versionsOf('memory_generation')).toHaveLength(1);
    expect((await asAdmin('POST', '/api/prompts/nowhere/lint', { prompt_text: 'x' })).status).toBe(404);
  });

  it('refuses a version with a misspelt placeholder: 422 with the problems, and stores nothing', async () => {
    await givenPrompt('lint_refusal', 'Answer {{QUERY}}');
    const refused = await asAdmin('POST', '/api/prompts/lint_refusal/versions?set_active=true', {
      prompt_text: 'Answer {{QUERY}} for {{USER_PERSNA}}',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('nothing was saved');
    expect(refused.body.problems).toEqual([
      expect.objectContaining({ line: 1, column: 22, text: '{{USER_PERSNA}}', suggestion: '{{USER_PERSONA}}' }),
    ]);
    expect((await versionsOf('lint_refusal')).map((v) => v.prompt_text)).toEqual(['Answer {{QUERY}}']);
  });

  it('refuses a new prompt whose initial text has a problem, creating neither prompt nor version', async () => {
    const refused = await asAdmin('POST', '/api/prompts', { name: 'half_open', initial_version_text: '{{QUERY}' });
    expect(refused.status).toBe(422);
    expect(refused.body.problems[0]).toMatchObject({ text: '{{QUERY}', suggestion: '{{QUERY}}' });
    expect((await asAdmin('GET', '/api/prompts/half_open')).status).toBe(404);
  });

  it('saves a text that only has warnings, and says them', async () => {
    const created = await asAdmin('POST', '/api/prompts', {
      name: 'simplified_conversation',
      initial_version_text: 'Be kind. {{USER_PERSONA}}',
    });
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([{ message: expect.stringContaining('without {{QUERY}}') }]);
    const saved = await asAdmin('POST', '/api/prompts/simplified_conversation/versions', {
      prompt_text: 'Be kind. {{USER_PERSONA}} {{QUERY}}',
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ version_number: 2, warnings: [] });
  });
});

describe('prompt preview', () => {
  const preview = (prompt: string, body: Record<string, unknown>) =>
    asAdmin('POST', `/api/prompts/${prompt}/preview`, body);

  async function givenPersona(student: Student, persona: string) {
    const saved = await asAdmin('POST', '/api/user-personas', { user_id: student.id, persona_data: { persona } });
    if (saved.status !== 200) throw new Error(`persona failed: ${saved.status}`);
  }

  async function givenMemory(conversationId: number, topic: string) {
    const saved = await asAdmin('POST', '/api/memories', {
      conversation_id: conversationId,
      memory_data: { main_topics: [topic] },
    });
    if (saved.status !== 200) throw new Error(`memory failed: ${saved.status}`);
  }

  /** A student with a persona and two conversations; the latest has a memory and two messages. */
  async function givenStudentWithHistory(name: string) {
    const student = await givenStudent(backend, name);
    await givenPersona(student, 'Curious about volcanoes.');
    const older = await givenConversation(backend, student, 'Rivers');
    await givenMessage(backend, student, older, 'Where do rivers start?');
    const latest = await givenConversation(backend, student, 'Volcanoes');
    await givenMessage(backend, student, latest, 'Why do volcanoes erupt?');
    await givenMessage(backend, student, latest, 'Is lava hot?');
    await givenMemory(latest, 'magma chambers');
    return { student, older, latest };
  }

  async function rowCounts() {
    const { db } = backend.database;
    const tables = {
      users,
      conversations,
      messages,
      messagePipelineData,
      conversationMemories,
      userPersonas,
      personaRevisions,
      prompts,
      promptVersions,
      generationJobs,
      flowConfigs,
    };
    const counts: Record<string, number> = {};
    for (const [name, table] of Object.entries(tables)) {
      counts[name] = (await db.select({ n: count() }).from(table))[0]!.n;
    }
    return counts;
  }

  it("renders the active version with the student's persona, latest memory and history, saying where each landed", async () => {
    await givenPrompt(
      'intent_gathering',
      'About: {{USER_PERSONA}}\nSo far: {{CONVERSATION_MEMORY}}\n{{CONVERSATION_HISTORY}}\nQ: {{QUERY}}',
    );
    const { student } = await givenStudentWithHistory('Preview Asha');

    const answer = await preview('intent_gathering', { user_id: student.id, query: 'What is magma?' });

    expect(answer.status).toBe(200);
    const { rendered, injections, persona_revision } = answer.body;
    expect(rendered).toContain('`persona` is "Curious about volcanoes."');
    expect(rendered).toContain('`main_topics` is "magma chambers"');
    // intent_identification reads the history (FlowConfig default); the other conversation is not read
    expect(rendered).toContain('Student: Why do volcanoes erupt?\nStudent: Is lava hot?');
    expect(rendered).not.toContain('rivers');
    expect(rendered.endsWith('Q: What is magma?')).toBe(true);
    expect(persona_revision).toEqual({ id: expect.any(Number), number: 1 });
    expect(injections.map((i: { placeholder: string }) => i.placeholder)).toEqual([
      '{{USER_PERSONA}}',
      '{{CONVERSATION_MEMORY}}',
      '{{CONVERSATION_HISTORY}}',
      '{{QUERY}}',
    ]);
    const injected = injections.map((i: { start: number; end: number }) => rendered.slice(i.start, i.end));
    expect(injected[0]).toMatch(/^These are some details about the user\./);
    expect(injected[1]).toMatch(/^These are some details of the conversation till now\./);
    expect(injected[2]).toBe('Student: Why do volcanoes erupt?\nStudent: Is lava hot?');
    expect(injected[3]).toBe('What is magma?');
  });

  it('reads the chosen conversation, and gives the fallbacks to a student with no persona or memory yet', async () => {
    await givenPrompt('preview_fallbacks', '{{USER_PERSONA}} | {{CONVERSATION_MEMORY}} | {{QUERY}}');
    const student = await givenStudent(backend, 'Preview Ravi');
    const conversation = await givenConversation(backend, student, 'Stars');

    const answer = await preview('preview_fallbacks', { user_id: student.id, conversation_id: conversation });

    expect(answer.status).toBe(200);
    expect(answer.body.rendered).toBe(`${PERSONA_FALLBACK} | ${MEMORY_FALLBACK} | (the student's next message)`);
    expect(answer.body.persona_revision).toBeNull();
  });

  it('cuts a long persona at PLACEHOLDER_MAX_LENGTH, as a turn does', async () => {
    const limited = await startBackend({ maxSnippetLength: 60 });
    try {
      const admin = (method: string, path: string, body?: unknown) =>
        limited.request(method, path, { token: limited.adminToken, body });
      await admin('POST', '/api/prompts', { name: 'preview_cut', initial_version_text: '{{USER_PERSONA__persona}}' });
      const student = await givenStudent(limited, 'Preview Cut');
      const portrait = 'Loves volcanoes, maps, rivers, stars, trains and every kind of question. '.repeat(4);
      await admin('POST', '/api/user-personas', { user_id: student.id, persona_data: { persona: portrait } });

      const answer = await admin('POST', '/api/prompts/preview_cut/preview', { user_id: student.id });

      expect(answer.status).toBe(200);
      expect(answer.body.rendered).toContain('… [truncated]');
      expect(answer.body.rendered).not.toContain(portrait);
    } finally {
      await limited.close();
    }
  });

  it('previews a given text over a chosen version over the active one, even a text with lint problems', async () => {
    await givenPrompt('preview_versions', 'v1 {{QUERY}}');
    await givenVersion('preview_versions', 'v2 {{QUERY}}');
    const student = await givenStudent(backend, 'Preview Meera');
    const text = async (body: Record<string, unknown>) =>
      (await preview('preview_versions', { user_id: student.id, query: 'hi', ...body })).body.rendered;

    expect(await text({})).toBe('v1 hi');
    expect(await text({ version_number: 2 })).toBe('v2 hi');
    expect(await text({ version_number: 2, prompt_text: 'draft {{QUERY}} {{USER_PERSNA}}' })).toBe(
      'draft hi {{USER_PERSNA}}',
    );
    const missing = await preview('preview_versions', { user_id: student.id, version_number: 9 });
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe("Prompt 'preview_versions' has no version 9.");
  });

  it('answers 404 for an unknown prompt, an unknown student and another student’s conversation', async () => {
    await givenPrompt('preview_404', 'Hi {{QUERY}}');
    const { older } = await givenStudentWithHistory('Preview Owner');
    const other = await givenStudent(backend, 'Preview Other');

    const unknownPrompt = await preview('no_such_prompt', { user_id: other.id });
    expect(unknownPrompt.status).toBe(404);
    expect(unknownPrompt.body.detail).toBe("Prompt 'no_such_prompt' not found.");
    const unknownStudent = await preview('preview_404', { user_id: 987654 });
    expect(unknownStudent.status).toBe(404);
    expect(unknownStudent.body.detail).toBe('User 987654 not found.');
    const notTheirs = await preview('preview_404', { user_id: other.id, conversation_id: older });
    expect(notTheirs.status).toBe(404);
    expect(notTheirs.body.detail).toBe(`Conversation ${older} not found.`);
  });

  it('writes nothing', async () => {
    await givenPrompt('preview_no_writes', '{{USER_PERSONA}} {{CONVERSATION_MEMORY}} {{QUERY}}');
    const { student, latest } = await givenStudentWithHistory('Preview Quiet');
    const before = await rowCounts();

    expect((await preview('preview_no_writes', { user_id: student.id })).status).toBe(200);
    expect((await preview('preview_no_writes', { user_id: student.id, conversation_id: latest })).status).toBe(200);

    expect(await rowCounts()).toEqual(before);
  });
});
