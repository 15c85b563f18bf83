import { describe, expect, it } from 'vitest';
import { SAFE_COACH_FALLBACK_TEXT, safeReplyText } from './safety/index.ts';
import {
  DEFAULT_TURN_SAFETY,
  safetyPipelineData,
  screenCoachReply,
  screenStudentMessage,
  type TurnSafety,
} from './turn-safety.ts';

const off: TurnSafety = { ...DEFAULT_TURN_SAFETY, enabled: false };

describe('screenStudentMessage', () => {
  it('blocks a first-person wish to die, with every flag kept for operators', async () => {
    const screened = await screenStudentMessage(DEFAULT_TURN_SAFETY, 'I want to kill myself, call me on 98765 43210');
    expect(screened.blocking).toMatchObject({ category: 'self_harm', severity: 'high' });
    expect(screened.alerting).toEqual(screened.blocking);
    expect(new Set(screened.flags.map((flag) => flag.category))).toEqual(new Set(['self_harm', 'contact_info']));
  });

  it('lets a science question about death through with no flag', async () => {
    expect(await screenStudentMessage(DEFAULT_TURN_SAFETY, 'how did the volcano kill the dinosaurs?')).toEqual({
      flags: [],
      blocking: null,
      alerting: null,
    });
  });

  it('alerts an adult about a medium self-harm message without blocking it: the coach still answers', async () => {
    const screened = await screenStudentMessage(DEFAULT_TURN_SAFETY, 'nobody would miss me if I was gone');
    expect(screened.blocking).toBeNull();
    expect(screened.alerting).toMatchObject({ category: 'self_harm', severity: 'medium' });
  });

  it('raises no alert for a medium flag of a category that alerts only at high (figures of speech)', async () => {
    const screened = await screenStudentMessage(DEFAULT_TURN_SAFETY, "I'll kill him if he takes my pencil again");
    expect(screened.flags.map((flag) => flag.category)).toContain('violence');
    expect(screened.alerting).toBeNull();
  });

  it('records a low flag without blocking', async () => {
    const screened = await screenStudentMessage(DEFAULT_TURN_SAFETY, 'my number is 98765 43210');
    expect(screened.blocking).toBeNull();
    expect(screened.alerting).toBeNull();
    expect(screened.flags).toEqual([{ category: 'contact_info', severity: 'low', rule: 'contact_info.phone' }]);
  });

  it('does nothing when the screen is off (benchmarks only)', async () => {
    expect(await screenStudentMessage(off, 'I want to kill myself')).toEqual({
      flags: [],
      blocking: null,
      alerting: null,
    });
  });
});

describe('screenCoachReply', () => {
  it('replaces a reply inciting self-harm with the fallback, keeping its flag', async () => {
    const screened = await screenCoachReply(DEFAULT_TURN_SAFETY, 'You should just kill yourself.');
    expect(screened.content).toBe(SAFE_COACH_FALLBACK_TEXT);
    expect(screened.replacedFor).toMatchObject({ category: 'self_harm', severity: 'medium' });
    expect(screened.flags).toHaveLength(1);
  });

  it('keeps an ordinary reply as it is', async () => {
    const reply = 'What do you think happens to the magma when the pressure drops?';
    expect(await screenCoachReply(DEFAULT_TURN_SAFETY, reply)).toEqual({
      content: reply,
      flags: [],
      replacedFor: null,
    });
  });

  it('keeps every reply as it is when the screen is off', async () => {
    expect((await screenCoachReply(off, 'You should just kill yourself.')).replacedFor).toBeNull();
  });
});

describe('the texts', () => {
  it('the default safe reply ends with the helpline text, and a configured one replaces it', async () => {
    expect(DEFAULT_TURN_SAFETY.safeReply).toBe(safeReplyText());
    expect(safeReplyText('Call Ms Rao on 214.')).toContain('Call Ms Rao on 214.');
  });

  it('pipeline data of a screened reply names the flag and holds no steps', async () => {
    const flag = { category: 'self_harm' as const, severity: 'high' as const, rule: 'self_harm.en.kill_myself' };
    expect(safetyPipelineData('safe_reply', flag)).toEqual({
      steps: [],
      safety: { safe_reply: true, category: 'self_harm', severity: 'high', rule: 'self_harm.en.kill_myself' },
    });
  });
});
