import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SAFETY_CONFIG, DEFAULT_SAFETY_HELPLINE_TEXT } from '@coach/core';
import { describe, expect, it } from 'vitest';
import { loadSafetySettings } from './safety-settings.ts';

function givenConfigFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'safety-')), 'safety.json');
  writeFileSync(file, content);
  return file;
}

describe('loadSafetySettings', () => {
  it('uses the built-in settings and helpline when nothing is set', () => {
    const settings = loadSafetySettings({});
    expect(settings.config).toEqual(DEFAULT_SAFETY_CONFIG);
    expect(settings.helplineText).toBe(DEFAULT_SAFETY_HELPLINE_TEXT);
    expect(settings.safeReply).toContain(DEFAULT_SAFETY_HELPLINE_TEXT);
    expect(settings.safeReply).toContain('trusted adult');
  });

  it('reads SAFETY_CONFIG and puts SAFETY_HELPLINE_TEXT in the safe reply', () => {
    const file = givenConfigFile(JSON.stringify({ categories: { bullying: { enabled: false } } }));
    const settings = loadSafetySettings({ SAFETY_CONFIG: file, SAFETY_HELPLINE_TEXT: 'Call the school helpline.' });
    expect(settings.config.categories.bullying.enabled).toBe(false);
    expect(settings.config.categories.self_harm.enabled).toBe(true);
    expect(settings.safeReply).toContain('Call the school helpline.');
  });

  it('refuses a bad file with one line naming the file and the problem', () => {
    const file = givenConfigFile(JSON.stringify({ categories: { violence: { block_student_at: 'severe' } } }));
    expect(() => loadSafetySettings({ SAFETY_CONFIG: file })).toThrow(
      new RegExp(`^SAFETY_CONFIG ${file}: categories\\.violence\\.block_student_at: [^\\n]+$`),
    );
    expect(() => loadSafetySettings({ SAFETY_CONFIG: givenConfigFile('{ not json') })).toThrow(
      /cannot read it as JSON/,
    );
    expect(() => loadSafetySettings({ SAFETY_CONFIG: '/nonexistent/safety.json' })).toThrow(
      /^SAFETY_CONFIG \/nonexistent/,
    );
  });
});
