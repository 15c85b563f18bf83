import {
  conversationMemories,
  dataMigrations,
  migrateDatabase,
  personaRevisions,
  redactStoredContactDetails,
  userPersonas,
} from '@coach/data';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenStudent, startBackend, type TestBackend } from './harness.ts';

// contact details never reach memory_data or persona_data (docs/SAFETY.md): refused on write, redacted if stored before

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.close());

const PHONE = 'my number is 98765 43210';
const EMAIL = 'email asha@example.com';

let seq = 0;
const freshStudent = () => givenStudent(backend, `Safe${Date.now() % 1e7}${seq++}`);

const internal = (method: string, path: string, body?: unknown) =>
  backend.request(method, path, { token: backend.internalToken, body });
const admin = (method: string, path: string, body?: unknown) =>
  backend.request(method, path, { token: backend.adminToken, body });

describe('writes holding contact details are refused', () => {
  it('refuses a memory with a phone number (422 naming the field) and stores nothing', async () => {
    const asha = await freshStudent();
    const conversationId = await givenConversation(backend, asha);
    const response = await internal('POST', '/api/memories', {
      conversation_id: conversationId,
      memory_data: { main_topics: ['volcanoes'], action: ['asked about lava', PHONE] },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/^body\.memory_data\.action\.1 holds a phone number: /);
    expect(response.body.detail).not.toContain('98765');
    expect((await internal('GET', `/api/internal/conversations/${conversationId}/memory`)).status).toBe(404);
  });

  it("refuses an operator's persona upsert with an e-mail address and keeps no persona", async () => {
    const asha = await freshStudent();
    const response = await admin('POST', '/api/user-personas', {
      user_id: asha.id,
      persona_data: { persona: `A curious student; ${EMAIL}.` },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/^body\.persona_data\.persona holds an e-mail address: /);
    expect((await internal('GET', `/api/internal/users/${asha.id}/persona`)).status).toBe(404);
    expect((await admin('GET', `/api/users/${asha.id}/persona/revisions`)).body).toEqual([]);
  });

  it("refuses the generator's persona revision with a social handle and writes no revision", async () => {
    const asha = await freshStudent();
    const response = await internal('POST', `/api/internal/users/${asha.id}/persona-revisions`, {
      persona_data: { persona: 'Likes drawing.', inferred_interests: ['follow her @asha_draws'] },
      evidence: [],
      job_id: null,
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/^body\.persona_data\.inferred_interests\.0 holds a social media handle/);
    expect((await admin('GET', `/api/users/${asha.id}/persona/revisions`)).body).toEqual([]);
  });

  it('refuses to restore an old revision that holds a contact detail', async () => {
    const asha = await freshStudent();
    const [old] = await backend.database.db
      .insert(personaRevisions)
      .values({
        userId: asha.id,
        number: 1,
        status: 'superseded',
        source: 'generator',
        personaData: { persona: PHONE },
        diff: [],
      })
      .returning();
    const response = await admin('POST', `/api/persona-revisions/${old?.id}/restore`, {});
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/persona_data\.persona holds a phone number/);
    expect((await internal('GET', `/api/internal/users/${asha.id}/persona`)).status).toBe(404);
  });

  it('stores a memory and a persona without contact details as before', async () => {
    const asha = await freshStudent();
    const conversationId = await givenConversation(backend, asha);
    const memory = await internal('POST', '/api/memories', {
      conversation_id: conversationId,
      memory_data: { main_topics: ['the year 1947', 'class 7 maths', '2 + 3 = 5'] },
    });
    expect(memory.status).toBe(200);
    const persona = await admin('POST', '/api/user-personas', {
      user_id: asha.id,
      persona_data: { persona: 'Likes ₹ maths.' },
    });
    expect(persona.status).toBe(200);
  });
});

describe('the one-off redaction of what was stored before', () => {
  // a database of its own: the counts are exact
  let own: TestBackend;
  beforeAll(async () => {
    own = await startBackend();
  });
  afterAll(() => own?.close());

  it('redacts stored memories, personas and revisions once, reporting counts only', async () => {
    const asha = await givenStudent(own);
    const conversationId = await givenConversation(own, asha);
    const { db } = own.database;
    await db
      .insert(conversationMemories)
      .values({ conversationId, memoryData: { action: [PHONE, 'asked about lava'] } });
    const [revision] = await db
      .insert(personaRevisions)
      .values({
        userId: asha.id,
        number: 1,
        status: 'approved',
        source: 'generator',
        personaData: { persona: EMAIL },
        diff: [{ key: 'persona', change: 'added', before: null, after: EMAIL }],
      })
      .returning();
    await db
      .insert(userPersonas)
      .values({ userId: asha.id, personaData: { persona: EMAIL }, revisionId: revision?.id });
    // as if this database predates the step
    await db.delete(dataMigrations).where(eq(dataMigrations.name, 'redact-contact-details'));

    const reports = await migrateDatabase(own.database);

    expect(reports).toEqual([
      {
        name: 'redact-contact-details',
        details: { memories: 1, personas: 1, persona_revisions: 1 },
        summary: 'redacted contact details in 1 memory and 1 persona (1 persona revision)',
      },
    ]);
    const [memory] = await db
      .select()
      .from(conversationMemories)
      .where(eq(conversationMemories.conversationId, conversationId));
    expect(memory?.memoryData).toEqual({ action: ['my number is [phone number removed]', 'asked about lava'] });
    const [persona] = await db.select().from(userPersonas).where(eq(userPersonas.userId, asha.id));
    expect(persona?.personaData).toEqual({ persona: 'email [email removed]' });
    const [stored] = await db.select().from(personaRevisions).where(eq(personaRevisions.userId, asha.id));
    expect(JSON.stringify(stored)).not.toContain('asha@example.com');

    expect(await migrateDatabase(own.database)).toEqual([]);
    expect(await redactStoredContactDetails(db)).toEqual({ memories: 0, personas: 0, persona_revisions: 0 });
  });
});
