import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServerUrl, withServer } from '../../../apps/backend/test/database.ts';
import { type Api, httpApi } from './api.ts';
import { freePort, type ServiceProcess, spawnService, until } from './processes.ts';

// Two copies of `npm start` with DATABASE_URL naming one database on a server of their own (the run's
// server, embedded or external): they migrate it together, share its queue, and either answers for
// the other. CI runs this file against the machine's PostgreSQL as well (npm run test:external).
const name = `coach_replicas_${process.pid}_${randomBytes(4).toString('hex')}`;
const tokens = {
  adminToken: `admin-${randomBytes(16).toString('hex')}`,
  internalToken: `internal-${randomBytes(16).toString('hex')}`,
};
const replicas: Array<{ api: Api; process: ServiceProcess; dataDir: string }> = [];

beforeAll(async () => {
  const serverUrl = testServerUrl();
  await withServer(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const tokenSecret = randomBytes(32).toString('hex');
  // started together: the migration lock lets one of them migrate and the other wait for it
  const starting = [0, 1].map(async () => {
    const [port, brainPort] = [await freePort(), await freePort()];
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coach-replica-'));
    const env = {
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      PORT: String(port),
      BRAIN_PORT: String(brainPort),
      COACH_ADMIN_TOKEN: tokens.adminToken,
      COACH_INTERNAL_TOKEN: tokens.internalToken,
      COACH_TOKEN_SECRET: tokenSecret,
      LOG_LEVEL: 'error',
    };
    const child = spawnService('apps/cli/src/bin.ts', env, ['start']);
    const api = httpApi(`http://127.0.0.1:${port}`, tokens);
    replicas.push({ api, process: child, dataDir });
    await until(`a replica (${child.output()})`, async () => (await api.request('GET', '/api/health')).status === 200);
  });
  await Promise.all(starting);
});

afterAll(async () => {
  for (const replica of replicas) {
    await replica.process.stop();
    rmSync(replica.dataDir, { recursive: true, force: true });
  }
  await withServer(testServerUrl(), (client) => client.query(`drop database if exists ${name} with (force)`)).catch(
    () => {},
  );
});

describe('two replicas of the system on one database named by DATABASE_URL', () => {
  it('take a chat turn on one and answer it on the other, then write the persona from either', async () => {
    const [a, b] = [replicas[0]!.api, replicas[1]!.api];
    const login = await a.request('POST', '/api/auth/login', { body: { identifier: 'Meera' } });
    expect(login.status).toBe(200);
    const token = login.body.access_token as string;
    const userId = login.body.user.id as number;

    const conversation = await b.request('POST', '/api/conversations', { token, body: { title: 'Volcanoes' } });
    expect(conversation.status).toBe(201);
    const sent = await a.request('POST', `/api/conversations/${conversation.body.id}/messages`, {
      token,
      body: { content: 'Why do volcanoes erupt?' },
    });
    expect(sent.status).toBe(200);
    let reply = await b.request('GET', `/api/messages/${sent.body.message.id}/response?wait=10`, { token });
    for (let tries = 0; reply.status === 202 && tries < 20; tries++) {
      await sleep(200);
      reply = await b.request('GET', `/api/messages/${sent.body.message.id}/response?wait=10`, { token });
    }
    expect(reply.status).toBe(200);
    expect(reply.body.content).toEqual(expect.any(String));

    const persona = await b.request('POST', `/api/tasks/generate-persona-for-user/${userId}?sync=true`, {
      token: tokens.adminToken,
    });
    expect(persona.status).toBe(200);
    expect(persona.body.message).toBe(
      `Completed persona generation for user ${userId} (refreshed 1 conversations first).`,
    );
    const stored = await a.request('GET', `/api/internal/users/${userId}/persona`, { token: tokens.internalToken });
    expect(stored.status).toBe(200);
    expect(stored.body.persona_data).toEqual(expect.any(Object));
  });
});
