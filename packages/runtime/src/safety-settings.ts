import { readFileSync } from 'node:fs';
import {
  DEFAULT_SAFETY_CONFIG,
  DEFAULT_SAFETY_HELPLINE_TEXT,
  SAFE_COACH_FALLBACK_TEXT,
  SafetyScreenConfig,
  safeReplyText,
} from '@coach/core';

/** How the safety screen runs and what it answers with (docs/SAFETY.md). */
export interface SafetySettings {
  config: SafetyScreenConfig;
  /** `SAFETY_HELPLINE_TEXT`, or the built-in one (Tele-MANAS, Child Helpline 1098, 112). */
  helplineText: string;
  /** What a student whose message blocks gets instead of the model's reply; contains `helplineText`. */
  safeReply: string;
  /** What replaces a blocked coach reply. */
  coachFallback: string;
}

/**
 * Reads and validates a safety config file (JSON, SafetyScreenConfig). Throws an Error whose one-line
 * message names the file and what is wrong with it.
 */
export function readSafetyConfigFile(path: string): SafetyScreenConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`SAFETY_CONFIG ${path}: cannot read it as JSON (${oneLine((error as Error).message)})`);
  }
  const parsed = SafetyScreenConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new Error(`SAFETY_CONFIG ${path}: ${oneLine(problems.join('; '))}`);
  }
  return parsed.data;
}

/** The safety settings from the environment: `SAFETY_CONFIG` (a file) and `SAFETY_HELPLINE_TEXT`. */
export function loadSafetySettings(env: Record<string, string | undefined> = process.env): SafetySettings {
  const file = env.SAFETY_CONFIG?.trim();
  const helplineText = env.SAFETY_HELPLINE_TEXT?.trim() || DEFAULT_SAFETY_HELPLINE_TEXT;
  return {
    config: file ? readSafetyConfigFile(file) : DEFAULT_SAFETY_CONFIG,
    helplineText,
    safeReply: safeReplyText(helplineText),
    coachFallback: SAFE_COACH_FALLBACK_TEXT,
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
