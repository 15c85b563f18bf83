import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type ServiceProcess, spawnService, until } from '../../../tests/system/reliability/processes.ts';

// `npm start` on a fresh DATA_DIR with nothing set, as a newcomer runs it: the embedded server is
// initialised, both services start in one process, and what it prints is what an operator needs.
let dataDir: string;
let port: number;
let coach: ServiceProcess;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'coach-start-'));
  port = await freePort();
  const env = { DATA_DIR: dataDir, PORT: String(port), BRAIN_PORT: String(await freePort()), LOG_LEVEL: 'info' };
  for (const unset of ['DATABASE_URL', 'COACH_ADMIN_TOKEN', 'COACH_INTERNAL_TOKEN', 'COACH_TOKEN_SECRET']) {
    Object.assign(env, { [unset]: '' });
  }
  coach = spawnService('apps/cli/src/bin.ts', env, ['start']);
  await until(`coach start (${coach.output()})`, async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
    return answer?.status === 200 && coach.output().includes('Curiosity Coach is running');
  });
});
afterAll(async () => {
  await coach?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start on a fresh DATA_DIR', () => {
  it('runs on an embedded PostgreSQL server in DATA_DIR/pg and says so', () => {
    expect(readFileSync(path.join(dataDir, 'pg', 'PG_VERSION'), 'utf8').trim()).toBe('18');
    expect(coach.output()).toContain(`with embedded PostgreSQL 18 in ${path.join(dataDir, 'pg')} (127.0.0.1:`);
  });

  it('prints the admin token the operator needs, and never the internal token', () => {
    const secrets = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'));
    expect(coach.output()).toContain(
      `COACH_ADMIN_TOKEN (not set; kept in ${dataDir}/secrets.json): ${secrets.adminToken}`,
    );
    expect(coach.output()).not.toContain(secrets.internalToken);
    expect(coach.output()).not.toContain('COACH_INTERNAL_TOKEN');
  });

  it('writes log lines with one name each, backend or brain', () => {
    const lines = coach
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    const names = new Set<string>();
    for (const line of lines) {
      // JSON.parse keeps the last of two equal keys: count them in the text
      expect(line.match(/"name":/g), line).toHaveLength(1);
      names.add(JSON.parse(line).name);
    }
    expect([...names].sort()).toEqual(expect.arrayContaining(['backend']));
    for (const name of names) expect(['backend', 'brain']).toContain(name);
  });
});
