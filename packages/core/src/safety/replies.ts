/**
 * The texts the safety screen answers with (docs/SAFETY.md). The helpline text is what
 * `SAFETY_HELPLINE_TEXT` replaces; the safe reply always contains it.
 */

/**
 * India's free helplines, checked in December 2026: Tele-MANAS, the national tele-mental-health line
 * (14416 or 1-800-891-4416, around the clock, in 20 languages); the Child Helpline 1098 (CHILDLINE, now
 * run with the emergency response system); 112 for an emergency.
 */
export const DEFAULT_SAFETY_HELPLINE_TEXT =
  'You can also call Tele-MANAS on 14416 (or 1-800-891-4416) to talk to a counsellor — it is free and open day and night — or the Child Helpline on 1098. If you are in danger right now, call 112.';

/** What a student gets instead of the model's reply when their message blocks (self-harm, high, by default). */
export function safeReplyText(helplineText: string = DEFAULT_SAFETY_HELPLINE_TEXT): string {
  return [
    "I'm really glad you told me, and I'm sorry you're going through this. What you feel matters, and you don't have to deal with it alone.",
    'Please talk to a trusted adult today — a parent, a teacher or your school counsellor — and tell them what you told me.',
    helplineText,
  ].join(' ');
}

/** What replaces a coach reply the screen blocked. */
export const SAFE_COACH_FALLBACK_TEXT =
  "Let's take a different path with this one. Could you tell me a bit more about what you're curious about, or ask it another way? And if something is worrying you, a parent, teacher or school counsellor is always a good person to talk to.";

/**
 * What a model reads in place of a student message the screen blocked (chat history, memory and persona
 * generation): that something was said and answered with care, never the child's words.
 */
export const WITHHELD_MESSAGE_TEXT =
  '[A message withheld by the safety screen: the student was given a helpline and an adult was alerted.]';
