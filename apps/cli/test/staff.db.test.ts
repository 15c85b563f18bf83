import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../../backend/test/harness.ts';

// `coach staff` and `coach audit` as a user runs them: child processes against a Backend on the database
const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

let backend: TestBackend;
let emptyDataDir: string;
beforeAll(async () => {
  backend = await startBackend();
  emptyDataDir = mkdtempSync(path.join(os.tmpdir(), 'coach-cli-staff-'));
});
afterAll(async () => {
  await backend?.close();
  if (emptyDataDir) rmSync(emptyDataDir, { recursive: true, force: true });
});

function coach(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const connection = ['--url', backend.url, '--token', backend.adminToken];
  const env = { ...process.env, COACH_ADMIN_TOKEN: '', BACKEND_URL: '', DATA_DIR: emptyDataDir };
  const child = spawn(process.execPath, [bin, ...args, ...connection], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('coach staff', () => {
  it('creates the first admin with the admin token, the password from standard input, and they can sign in', async () => {
    const create = ['staff', 'create', '--email', 'head@school.test', '--name', 'Head Teacher', '--role', 'admin'];
    const run = await coach([...create, '--password-stdin'], 'a long head password\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Added Head Teacher <head@school\.test> as admin \(staff #\d+\)\.\n$/);
    const login = await backend.request('POST', '/api/staff/login', {
      body: { email: 'head@school.test', password: 'a long head password' },
    });
    expect(login.status).toBe(200);

    const again = await coach([...create, '--password-stdin'], 'a long head password\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already');
    const weak = await coach(
      ['staff', 'create', '--email', 'w@school.test', '--name', 'W', '--role', 'viewer', '--password-stdin'],
      'short\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('at least 12 characters');
  });

  it('without --password-stdin and no terminal, says how to give the password', async () => {
    const run = await coach(['staff', 'create', '--email', 'x@school.test', '--name', 'X', '--role', 'viewer']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--password-stdin');
  });

  it('lists the staff and disables one by email; the audit log shows both changes', async () => {
    await coach(
      ['staff', 'create', '--email', 'vic@school.test', '--name', 'Vic', '--role', 'viewer', '--password-stdin'],
      'viewer password!\n',
    );
    const list = await coach(['staff', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^id\s+name\s+email\s+role\s+account\s+added$/);
    expect(list.stdout).toMatch(/Vic\s+vic@school\.test\s+viewer\s+active/);

    const disable = await coach(['staff', 'disable', 'VIC@school.test']);
    expect(disable.code).toBe(0);
    expect(disable.stdout).toContain('Disabled Vic <vic@school.test>');
    expect((await coach(['staff', 'list', '--json'])).stdout).toContain('"disabled": true');

    const audit = await coach(['audit', '--action', 'staff.update']);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(
      /admin token\s+staff\.update\s+staff \d+\s+\{"email":"vic@school\.test","changes":\{"disabled":/,
    );
    // jsonb keeps its own key order
    expect(audit.stdout).toMatch(/"disabled":\{("from":false,"to":true|"to":true,"from":false)\}/);
    const json = JSON.parse((await coach(['audit', '--json', '--limit', '2'])).stdout);
    expect(json.map((entry: { action: string }) => entry.action)).toEqual(['staff.update', 'staff.create']);
    const bad = await coach(['audit', '--from', 'yesterday']);
    expect(bad.code).toBe(1);
  });
});
