import { describe, expect, it } from 'vitest';
import { SafetyScreenConfig } from './config.ts';
import { safeReplyText } from './replies.ts';
import { blockingFlag, screenText } from './screen.ts';

const top = (text: string) => screenText(text).highest;

describe('screenText', () => {
  it.each([
    'I want to die',
    'i wanna kill myself',
    "I don't want to live anymore",
    'I am going to end my life tonight',
    'main marna chahta hoon',
    'mujhe marna hai',
    'mujhe jeena nahi hai',
    'main khud ko hurt karna chahti hoon',
    'sab khatam kar dunga',
    'I have been cutting myself again',
    'what is the painless way to die',
  ])('finds first-person self-harm as high: %s', (text) => {
    expect(top(text)).toMatchObject({ category: 'self_harm', severity: 'high' });
  });

  it.each(['my friend says she wants to kill herself', 'meri dost khud ko hurt karti hai'])(
    'finds worry about someone else as medium self-harm: %s',
    (text) => {
      expect(top(text)).toMatchObject({ category: 'self_harm', severity: 'medium' });
    },
  );

  it.each([
    ['sab mujhe chidhate hain', 'bullying', 'medium'],
    ['everyone at school makes fun of me', 'bullying', 'medium'],
    ['main usko maar dunga', 'violence', 'medium'],
    ['I will bring a knife to school tomorrow', 'violence', 'high'],
    ['uncle touched me in a bad way and said it is our secret', 'sexual', 'high'],
  ])('finds %s as %s (%s)', (text, category, severity) => {
    expect(top(text)).toMatchObject({ category, severity });
  });

  it.each([
    'how did the volcano kill the dinosaurs?',
    'my phone number of friends in maths is 7',
    "I'm dying to know how black holes work",
    'this homework is killing me',
    'how do I kill the process in linux',
    'why does the cell die after apoptosis? the cell dies',
    'how do I shoot a basketball better',
    'paani ke bina paudhe ka marna kyun hota hai?',
    'explain sexual reproduction in flowering plants',
    'what is the sex ratio of India in 2011?',
    'in 1947 India became free and the price was ₹ 9,999',
    'class 7 maths: 2 + 3 = 5',
    'main kal match mein chhakka maar dunga',
    'aaj raat tak sab khatam kar dunga, homework bahut hai',
  ])('leaves a benign message alone: %s', (text) => {
    expect(screenText(text).flags).toEqual([]);
  });

  it('flags contact details once per kind, low, naming the rule and never the words', () => {
    const screen = screenText('call me on 98765 43210 or 9123456789, mail asha@example.com');
    expect(screen.flags).toEqual([
      { category: 'contact_info', severity: 'low', rule: 'contact_info.phone' },
      { category: 'contact_info', severity: 'low', rule: 'contact_info.email' },
    ]);
  });

  it('orders flags most serious first', () => {
    const screen = screenText('everyone makes fun of me and I want to die');
    expect(screen.flags.map((f) => f.severity)).toEqual(['high', 'medium']);
    expect(screen.highest?.category).toBe('self_harm');
  });

  it('skips a category the config turns off and adds extra patterns', () => {
    const config = SafetyScreenConfig.parse({
      categories: { bullying: { enabled: false } },
      extra_patterns: [{ id: 'dare', category: 'violence', severity: 'medium', pattern: '\\bblackout challenge\\b' }],
    });
    expect(screenText('sab mujhe chidhate hain', config).flags).toEqual([]);
    expect(screenText('should I try the Blackout Challenge?', config).highest).toEqual({
      category: 'violence',
      severity: 'medium',
      rule: 'extra.dare',
    });
  });
});

describe('blockingFlag', () => {
  it('blocks a student at high and a coach reply from medium, by default', () => {
    expect(blockingFlag(screenText('I want to die'), 'student')?.category).toBe('self_harm');
    expect(blockingFlag(screenText('my friend says she wants to kill herself'), 'student')).toBeNull();
    expect(blockingFlag(screenText('you should kill yourself'), 'coach')?.category).toBe('self_harm');
  });

  it.each([
    "Wear goggles so you won't hurt yourself when you mix the chemicals.",
    'Be careful with the scissors, you could cut yourself. Why do you think metal is sharp?',
    'Volcanoes can kill plants and animals nearby. What do you think happens to the soil afterwards?',
    'Cut yourself a slice of the cake and count the pieces: what fraction is left?',
  ])('lets a caring coach reply through: %s', (text) => {
    expect(blockingFlag(screenText(text), 'coach')).toBeNull();
  });

  it('never blocks on bullying or contact details by default', () => {
    expect(blockingFlag(screenText('sab mujhe chidhate hain'), 'student')).toBeNull();
    expect(blockingFlag(screenText('my number is 9876543210'), 'coach')).toBeNull();
  });

  it('does not block the safe reply itself', () => {
    expect(blockingFlag(screenText(safeReplyText()), 'coach')).toBeNull();
  });
});

describe('SafetyScreenConfig', () => {
  it('keeps built-in settings for what a file leaves out', () => {
    const config = SafetyScreenConfig.parse({ categories: { violence: { block_student_at: 'medium' } } });
    expect(config.categories.violence).toEqual({
      enabled: true,
      block_student_at: 'medium',
      alert_student_at: 'high',
      block_coach_at: 'medium',
    });
    expect(config.categories.bullying.block_student_at).toBe('never');
  });

  it('refuses an unknown key and a pattern that is not a regular expression', () => {
    expect(SafetyScreenConfig.safeParse({ categorys: {} }).success).toBe(false);
    expect(
      SafetyScreenConfig.safeParse({ extra_patterns: [{ id: 'x', category: 'sexual', severity: 'low', pattern: '(' }] })
        .success,
    ).toBe(false);
  });
});
