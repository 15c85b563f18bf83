import { DEFAULT_FLOW_CONFIG } from '@coach/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenStudent, startBackend, type TestBackend } from './harness.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.close());

describe('the operator edits the Brain flow config through the Backend', () => {
  it('reads the default config before anything is stored', async () => {
    const response = await backend.request('GET', '/api/admin/flow-config', { token: backend.adminToken });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(DEFAULT_FLOW_CONFIG);
  });

  it('stores what the operator saves, and the Brain reads the same document', async () => {
    const steps = DEFAULT_FLOW_CONFIG.steps.map((step) =>
      step.name === 'knowledge_retrieval' ? { ...step, enabled: false } : step,
    );
    const saved = await backend.request('PUT', '/api/admin/flow-config', {
      token: backend.adminToken,
      body: { use_simplified_mode: false, steps },
    });
    expect(saved.status).toBe(200);

    const asBrain = await backend.request('GET', '/api/internal/flow-config', { token: backend.internalToken });
    expect(asBrain.body.use_simplified_mode).toBe(false);
    expect(asBrain.body.steps.find((s: { name: string }) => s.name === 'knowledge_retrieval').enabled).toBe(false);
  });

  it('refuses an invalid config with 422 and keeps the stored one', async () => {
    const response = await backend.request('PUT', '/api/admin/flow-config', {
      token: backend.adminToken,
      body: { use_simplified_mode: 'sometimes' },
    });
    expect(response.status).toBe(422);
    const stored = await backend.request('GET', '/api/admin/flow-config', { token: backend.adminToken });
    expect(stored.body.use_simplified_mode).toBe(false);
  });

  it('refuses a step name with a NUL character with 422 and says so', async () => {
    const response = await backend.request('PUT', '/api/admin/flow-config', {
      token: backend.adminToken,
      body: { use_simplified_mode: true, steps: [{ name: 'knowledge\u0000retrieval' }] },
    });

    expect(response.status).toBe(422);
    expect(response.body.detail).toBe('body.steps.0.name: Text must not contain the NUL character (U+0000).');
    const stored = await backend.request('GET', '/api/admin/flow-config', { token: backend.adminToken });
    expect(stored.body.use_simplified_mode).toBe(false);
  });

  it('is for the admin token only', async () => {
    const student = await givenStudent(backend, 'Meera');
    expect((await backend.request('GET', '/api/admin/flow-config')).status).toBe(401);
    expect((await backend.request('GET', '/api/admin/flow-config', { token: student.token })).status).toBe(403);
    expect((await backend.request('GET', '/api/admin/flow-config', { token: backend.internalToken })).status).toBe(403);
  });
});
