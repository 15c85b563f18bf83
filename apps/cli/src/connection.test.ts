import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConnection } from './connection.ts';
import { UsageError } from './errors.ts';

let dataDir: string | undefined;
afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

function givenSecretsFile(content: string): string {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'coach-secrets-'));
  writeFileSync(path.join(dataDir, 'secrets.json'), content);
  return dataDir;
}

describe('where the CLI connects', () => {
  it('uses BACKEND_URL, else the port npm start listens on', () => {
    const env = { COACH_ADMIN_TOKEN: 't' };
    expect(resolveConnection({}, { ...env, BACKEND_URL: 'http://coach.example:8080/' }).url).toBe(
      'http://coach.example:8080',
    );
    expect(resolveConnection({}, { ...env, PORT: '5091' }).url).toBe('http://127.0.0.1:5091');
    expect(resolveConnection({}, env).url).toBe('http://127.0.0.1:5000');
    expect(resolveConnection({ url: 'http://127.0.0.1:7000' }, { ...env, PORT: '5091' }).url).toBe(
      'http://127.0.0.1:7000',
    );
  });

  it('refuses an address that is not http(s) (exit 2)', () => {
    expect(() => resolveConnection({ url: 'localhost:5000', token: 't' }, {})).toThrow(UsageError);
    expect(() => resolveConnection({ url: 'not a url', token: 't' }, {})).toThrow(/--url must be/);
  });
});

describe('which admin token it sends', () => {
  it('--token first, then COACH_ADMIN_TOKEN, then the one npm start saved in DATA_DIR', () => {
    const DATA_DIR = givenSecretsFile(JSON.stringify({ adminToken: 'from-file', internalToken: 'x' }));
    expect(resolveConnection({ token: 'from-option' }, { COACH_ADMIN_TOKEN: 'from-env', DATA_DIR }).token).toBe(
      'from-option',
    );
    expect(resolveConnection({}, { COACH_ADMIN_TOKEN: 'from-env', DATA_DIR }).token).toBe('from-env');
    expect(resolveConnection({}, { DATA_DIR }).token).toBe('from-file');
  });

  it('without one, says how to give it (exit 2)', () => {
    const DATA_DIR = givenSecretsFile('not json');
    const resolving = () => resolveConnection({}, { DATA_DIR });
    expect(resolving).toThrow(UsageError);
    expect(resolving).toThrow(`no admin token: pass --token <token>, set COACH_ADMIN_TOKEN`);
    expect(resolving).toThrow(path.join(DATA_DIR, 'secrets.json'));
  });
});
