import { setTimeout as sleep } from 'node:timers/promises';
import type { ConversationMemoryData } from '@coach/core';
import { offlinePersona } from './offline-persona.ts';
import { listPhrase, pick, quotable, salientWords, stableHash, studentText, wordCount } from './offline-words.ts';
import type {
  CallType,
  CoachReply,
  IntentGathering,
  KnowledgeRetrieval,
  LearningEnhancement,
  OutputOf,
  ResponseGeneration,
} from './schemas.ts';

/**
 * The built-in model used when no provider is configured: no network, same input → same output, and
 * for every call type an output that fits its schema and reads like a coach. It understands nothing;
 * it reflects the student's own words back and asks about them.
 */

export interface OfflineRequest {
  prompt: string;
  /** The student's latest words; without them the prompt's last line is used. */
  query?: string | undefined;
}

interface Reading {
  words: string;
  concepts: string[];
  /** The student is talking about themselves or their feelings, not asking about the world. */
  personal: boolean;
  seed: number;
  /** What memory and persona generation read: the prompt, and `query` when the prompt does not hold it. */
  material: string;
}

const GREETING_WORDS = /^(hi+|hello|hey|yo|good (morning|afternoon|evening)|thanks|thank you|ok(ay)?|bye)\b/i;
const PERSONAL_WORDS =
  /\b(i feel|i'm feeling|i am feeling|my (mom|mum|dad|friend|friends|family|teacher|parents|sister|brother)|sad|angry|lonely|worried|scared|bored|upset|nervous|stressed)\b/i;

const QUESTION_START = /^(how|why|what|when|where|who|which|can|could|is|are|do|does|will|would)\b/i;

const BUILDERS: { [C in CallType]: (reading: Reading) => OutputOf<C> } = {
  simplified_conversation: (r) => coachReply(r, false),
  follow_up_response: (r) => coachReply(r, true),
  intent_gathering: intent,
  knowledge_retrieval: knowledge,
  response_generation: initialResponse,
  learning_enhancement: enhancement,
  memory_generation: memory,
  user_persona_generation: (r) => offlinePersona(r.material),
};

export function offlineOutput<C extends CallType>(callType: C, request: OfflineRequest): OutputOf<C> {
  const words = studentText(request.query, request.prompt);
  return BUILDERS[callType]({
    words,
    concepts: salientWords(words, 3),
    personal: PERSONAL_WORDS.test(words),
    seed: stableHash(`${callType}\n${words}`),
    material:
      request.query && !request.prompt.includes(request.query) ? `${request.prompt}\n${request.query}` : request.prompt,
  });
}

/** The offline answer after `latencyMs` (skipped entirely at 0, so the model costs microseconds). */
export async function runOffline<C extends CallType>(
  callType: C,
  request: OfflineRequest,
  latencyMs: number,
  signal?: AbortSignal,
): Promise<OutputOf<C>> {
  if (latencyMs > 0) await sleep(latencyMs, undefined, { signal });
  return offlineOutput(callType, request);
}

const OPENERS = [
  'Great question!',
  'Ooh, I love that you are curious about this!',
  'That is a really interesting thing to wonder about!',
  'Nice thinking!',
];

const QUESTIONS: ReadonlyArray<(concept: string) => string> = [
  (c) => `What do you already know about ${c}?`,
  (c) => `Where have you noticed ${c} in your everyday life?`,
  (c) => `What do you think is really going on with ${c}?`,
  (c) => `If you had to explain ${c} to a friend, where would you start?`,
  (c) => `What is one small experiment you could try to find out more about ${c}?`,
];

const GREETING = "Hi there! I'm your curiosity coach. What's something you've been wondering about lately?";

function coachReply(r: Reading, followUp: boolean): CoachReply {
  const concept = r.concepts[0];
  if (r.personal) {
    return {
      needs_clarification: false,
      follow_up_questions: ['Would you like to tell me more about it?'],
      response: `Thanks for sharing that with me. ${echo(r)} That sounds important. What would help you most right now?`,
      ended_with_question: true,
      educational_concepts: [],
    };
  }
  if (!concept) {
    return {
      needs_clarification: false,
      follow_up_questions: [],
      response: GREETING,
      ended_with_question: true,
      educational_concepts: [],
    };
  }
  const opener = followUp ? 'Thanks for telling me more!' : pick(OPENERS, r.seed);
  const nudge = "Let's work it out together instead of me just telling you.";
  return {
    needs_clarification: false,
    follow_up_questions: [1, 2].map((i) => pick(QUESTIONS, r.seed, i)(concept)),
    response: `${opener} ${echo(r)} ${nudge} ${pick(QUESTIONS, r.seed)(concept)}`,
    ended_with_question: true,
    educational_concepts: r.concepts,
  };
}

/** The student's words quoted back: `You asked: "Why is the sky blue?"`. */
function echo(r: Reading): string {
  const quoted = quotable(r.words);
  const verb = quoted.endsWith('?') || QUESTION_START.test(quoted) ? 'You asked' : 'You said';
  return `${verb}: "${quoted}"${/[?!…]$/.test(quoted) ? '' : '.'}`;
}

function intent(r: Reading): IntentGathering {
  const concept = r.concepts[0];
  const category = categorise(r);
  const needsClarification = category === 'educational' && wordCount(r.words) < 4;
  const about = concept ? ` about ${listPhrase(r.concepts)}` : '';
  const understanding = {
    educational: `The student is curious${about}.`,
    personal: `The student is sharing something personal${about}.`,
    conversational: `The student is chatting${about}.`,
  }[category];
  return {
    needs_clarification: needsClarification,
    follow_up_questions:
      needsClarification && concept
        ? [`What would you like to find out about ${concept}?`, `What made you curious about ${concept}?`]
        : [],
    partial_understanding: understanding,
    intent_category: category,
    key_concepts: r.concepts,
  };
}

function categorise(r: Reading): IntentGathering['intent_category'] {
  if (r.personal) return 'personal';
  if (!r.concepts[0] || GREETING_WORDS.test(r.words)) return 'conversational';
  return 'educational';
}

function knowledge(r: Reading): KnowledgeRetrieval {
  const concept = r.concepts[0];
  if (!concept) return { facts: [], sources_hint: 'No topic yet: ask the student what they are curious about.' };
  return {
    facts: [
      `The student wants to understand ${listPhrase(r.concepts)}.`,
      `Good starting points: what ${concept} is, where it shows up, and why it matters.`,
    ],
    sources_hint: `A school textbook chapter or an encyclopedia entry on ${concept}.`,
  };
}

function initialResponse(r: Reading): ResponseGeneration {
  const concept = r.concepts[0];
  if (r.personal || !concept) return { response: coachReply(r, false).response };
  return {
    response: `${pick(OPENERS, r.seed)} Let's think about ${concept} step by step: start with what you can observe, then ask why it happens. ${pick(QUESTIONS, r.seed)(concept)}`,
  };
}

function enhancement(r: Reading): LearningEnhancement {
  const reply = coachReply(r, false);
  return {
    response: reply.response,
    ended_with_question: true,
    educational_concepts: reply.educational_concepts,
  };
}

const STUDENT_LINE = /^\s*(?:user|student|human|learner|child)\s*[:>-]\s*(.*)$/i;
const COACH_LINE = /^\s*(?:ai|assistant|coach|bot|model|tutor)\s*[:>-]/i;

function memory(r: Reading): ConversationMemoryData {
  const said = studentLines(r.material);
  const text = said.length > 0 ? said.join('\n') : r.material;
  const topics = salientWords(text, 3);
  const questions = said.filter((line) => line.endsWith('?')).length;
  const action: string[] = [];
  if (questions > 0 && topics[0]) action.push(`Asked ${plural(questions, 'question')} about ${topics[0]}`);
  if (said.length > 0) action.push(`Sent ${plural(said.length, 'message')} to the coach`);
  if (topics[1]) action.push(`Explored ${listPhrase(topics.slice(1))} along the way`);
  return {
    main_topics: topics.length > 0 ? topics : ['getting started'],
    action: action.length > 0 ? action : ['Opened a conversation with the coach'],
    typical_observation: observe(said, questions, topics[0]),
  };
}

function studentLines(transcript: string): string[] {
  const lines: string[] = [];
  let inStudentTurn = false;
  for (const line of transcript.split(/\r?\n/)) {
    const student = STUDENT_LINE.exec(line);
    if (student) {
      inStudentTurn = true;
      if (student[1]!.trim()) lines.push(student[1]!.trim());
    } else if (COACH_LINE.test(line) || line.trim() === '') {
      inStudentTurn = false;
    } else if (inStudentTurn) {
      // a message that runs over several lines
      lines[lines.length - 1] = `${lines.at(-1) ?? ''} ${line.trim()}`.trim();
    }
  }
  return lines.filter((line) => line.length > 0);
}

function observe(said: string[], questions: number, topic: string | undefined): string {
  if (said.length === 0) return 'Said little; the conversation had barely started.';
  const averageWords = said.reduce((sum, line) => sum + wordCount(line), 0) / said.length;
  if (questions * 2 >= said.length) return 'Asks lots of questions and follows their own curiosity.';
  if (averageWords >= 12) return 'Writes detailed messages and explains their thinking.';
  return `Gives short answers; open questions${topic ? ` about ${topic}` : ''} draw them out.`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
