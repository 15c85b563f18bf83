import {
  alertingFlag,
  blockingFlag,
  DEFAULT_SAFETY_CONFIG,
  SAFE_COACH_FALLBACK_TEXT,
  type SafetyFlag,
  type SafetyScreen,
  type SafetyScreenConfig,
  safeReplyText,
  screenText,
  severityRank,
} from './safety/index.ts';

/**
 * The safety screen as a chat turn applies it (docs/SAFETY.md, "In the turn"): the Backend screens each
 * student message as it is posted, and whoever stores a coach reply (the built-in Brain, or the Backend
 * for an external Brain) screens the reply first. Both processes build this from the same settings.
 */
export interface TurnSafety {
  /** Off only for benchmarks (`SAFETY_SCREEN=off`): nothing is screened, flagged or replaced. */
  enabled: boolean;
  config: SafetyScreenConfig;
  /** What a student gets instead of the model's reply when their message blocks (it holds the helpline text). */
  safeReply: string;
  /** What replaces a coach reply the screen blocked. */
  coachFallback: string;
  /**
   * The provider's moderation endpoint, asked as well when a key is configured (docs/SAFETY.md); its flags
   * join the built-in screen's. It answers no flags when it cannot be asked.
   */
  moderate?: ((text: string) => Promise<SafetyFlag[]>) | undefined;
}

export const DEFAULT_TURN_SAFETY: TurnSafety = {
  enabled: true,
  config: DEFAULT_SAFETY_CONFIG,
  safeReply: safeReplyText(),
  coachFallback: SAFE_COACH_FALLBACK_TEXT,
};

/**
 * A student message, screened: every flag (stored on it for operators), the one that blocks it, and the
 * one an adult is alerted about (the blocking one, or one at its category's `alert_student_at`).
 */
export interface ScreenedStudentMessage {
  flags: SafetyFlag[];
  /** Not null: the student gets `safeReply`, the model is not asked, and an alert is raised. */
  blocking: SafetyFlag | null;
  /** Not null: an alert is raised; the coach answers as usual unless the message also blocks. */
  alerting: SafetyFlag | null;
}

export async function screenStudentMessage(safety: TurnSafety, content: string): Promise<ScreenedStudentMessage> {
  if (!safety.enabled) return { flags: [], blocking: null, alerting: null };
  const screen = await screenBoth(safety, content);
  const blocking = blockingFlag(screen, 'student', safety.config);
  return { flags: screen.flags, blocking, alerting: blocking ?? alertingFlag(screen, safety.config) };
}

/** A coach reply, screened: what is stored and shown, its flags, and the flag it was replaced for. */
export interface ScreenedCoachReply {
  content: string;
  flags: SafetyFlag[];
  /** Not null: the model's words were replaced by `coachFallback` and are not kept. */
  replacedFor: SafetyFlag | null;
}

export async function screenCoachReply(safety: TurnSafety, content: string): Promise<ScreenedCoachReply> {
  if (!safety.enabled) return { content, flags: [], replacedFor: null };
  const screen = await screenBoth(safety, content);
  const blocking = blockingFlag(screen, 'coach', safety.config);
  return blocking
    ? { content: safety.coachFallback, flags: screen.flags, replacedFor: blocking }
    : { content, flags: screen.flags, replacedFor: null };
}

/** The built-in screen's flags and the provider's (when configured), most serious first, each rule once. */
async function screenBoth(safety: TurnSafety, text: string): Promise<SafetyScreen> {
  const builtIn = screenText(text, safety.config);
  if (!safety.moderate) return builtIn;
  const provider = (await safety.moderate(text)).filter((flag) => safety.config.categories[flag.category].enabled);
  const flags = [...builtIn.flags, ...provider.filter((flag) => !builtIn.flags.some((f) => f.rule === flag.rule))];
  // stable: the built-in flags stay ahead of the provider's of the same severity
  flags.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return { flags, highest: flags[0] ?? null };
}

/**
 * The pipeline data kept with a reply the screen wrote or replaced: which flag, no steps. A replaced
 * reply's steps held the model's words, which a student may read through pipeline_steps; they go.
 */
export function safetyPipelineData(kind: 'safe_reply' | 'coach_fallback', flag: SafetyFlag): Record<string, unknown> {
  return { steps: [], safety: { [kind]: true, category: flag.category, severity: flag.severity, rule: flag.rule } };
}
