import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenConversation, givenStudent } from '../../backend/test/harness.ts';
import { askCoach, startSystem, type TestSystem } from '../../brain/test/system.ts';

// `coach usage` as a user runs it: a child process reading the report of a system on the offline model.
const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

let system: TestSystem;
let emptyDataDir: string;
beforeAll(async () => {
  system = await startSystem();
  emptyDataDir = mkdtempSync(path.join(os.tmpdir(), 'coach-cli-usage-'));
  const student = await givenStudent(system.backend, 'CliUsage');
  await askCoach(system, student, await givenConversation(system.backend, student), 'Why is the sea salty?');
  await system.brain.flushUsage();
});
afterAll(async () => {
  await system?.close();
  if (emptyDataDir) rmSync(emptyDataDir, { recursive: true, force: true });
});

function coach(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const connection = ['--url', system.backend.url, '--token', system.backend.adminToken];
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

describe('coach usage', () => {
  it('prints the calls of the last 30 days by call type, with the totals and the offline cost of 0', async () => {
    const run = await coach(['usage', '--group-by', 'call_type']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Model usage from \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC to /);
    expect(lines[2]).toMatch(/^call type\s+calls\s+failed\s+input tokens\s+output tokens\s+cost \(USD\)$/);
    expect(run.stdout).toMatch(/\nsimplified_conversation\s+1\s+0\s+\d+\s+\d+\s+\$0\.0000\n/);
    expect(lines.find((line) => line.startsWith('total'))).toMatch(/^total\s+1\s+0\s+\d+\s+\d+\s+\$0\.0000$/);
  });

  it('prints the API report with --json', async () => {
    const run = await coach(['usage', '--group-by', 'model', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.group_by).toBe('model');
    expect(report.groups).toEqual([expect.objectContaining({ key: 'offline-coach', calls: 1, cost_usd: 0 })]);
  });

  it('says what is wrong with a grouping it does not know, and exits 1', async () => {
    const run = await coach(['usage', '--group-by', 'week']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('group_by must be one of day, call_type, user, model');
  });

  it('reads a range of days', async () => {
    const run = await coach(['usage', '--from', '2020-01-01', '--to', '2020-01-31', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).totals).toEqual({
      calls: 0,
      failed_calls: 0,
      input_tokens: 0,
      output_tokens: 0,
      cost_usd: 0,
    });
  });
});
