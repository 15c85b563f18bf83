import type { GeneratedPersona, PersonaEvidenceClaim } from '@coach/core';
import { listPhrase, salientWords } from './offline-words.ts';

/**
 * The offline model's persona: interests counted from the memories' topics, learning patterns taken from
 * their observations, and evidence for each naming the memory it came from and the words it took — the
 * student's own sentence that holds the topic when the memory lists one, else the memory's words exactly.
 */
export function offlinePersona(material: string): GeneratedPersona {
  const { topics, observations } = readMemories(material);
  const ranked = rankTopics(topics);
  const interests = ranked.length > 0 ? ranked.map((t) => t.topic) : salientWords(material, 5);
  const patterns = uniqueBy(observations, (o) => o.text).slice(0, 3);

  const portrait =
    interests.length > 0
      ? `A curious learner who keeps coming back to ${listPhrase(interests.slice(0, 3))}.`
      : 'A curious learner whose interests are still taking shape.';
  const interestClaims = (key: string, count = ranked.length) =>
    ranked.slice(0, count).flatMap((t) => claim(key, t.found, studentSentenceWith(t.topic, t.found.source)));
  const patternClaims = (key: string, count = patterns.length) =>
    patterns.slice(0, count).flatMap((o) => claim(key, o, o.text));

  return {
    persona: patterns[0] ? `${portrait} ${patterns[0].text}` : portrait,
    inferred_interests: interests,
    learning_patterns:
      patterns.length > 0 ? patterns.map((o) => o.text) : ['Learns best by asking questions and trying ideas out.'],
    // "broad-minded" or "focused" is read off how many interests there are
    personality_traits: ['curious', interests.length >= 3 ? 'broad-minded' : 'focused'],
    evidence: [
      ...interestClaims('persona', 3),
      ...patternClaims('persona', 1),
      ...interestClaims('inferred_interests'),
      ...patternClaims('learning_patterns'),
      ...interestClaims('personality_traits'),
    ],
  };
}

/** The memory a piece of text was read from: its id (absent when memories came as rendered snippets). */
interface Source {
  memoryId: number | undefined;
  studentSaid: string[];
}

/** Words as they are written in a memory. */
interface Found {
  text: string;
  source: Source;
}

/** Topics and observations of the memories: from the listed lines (`{"memory_id": …}`), else read as text. */
function readMemories(material: string): { topics: Found[]; observations: Found[] } {
  const listed = material.split(/\r?\n/).flatMap(listedMemory);
  if (listed.length === 0) return readUnlisted(material);
  const topics: Found[] = [];
  const observations: Found[] = [];
  for (const { source, memory } of listed) {
    const named = memory.main_topics;
    const texts = Array.isArray(named) ? named : typeof named === 'string' ? named.split(/,\s*/) : [];
    for (const text of texts) if (typeof text === 'string') topics.push({ text, source });
    const observation = memory.typical_observation;
    if (typeof observation === 'string' && observation.trim()) observations.push({ text: observation, source });
  }
  return { topics, observations };
}

function listedMemory(line: string): Array<{ source: Source; memory: Record<string, unknown> }> {
  if (!line.trimStart().startsWith('{"memory_id":')) return [];
  try {
    const entry = JSON.parse(line) as { memory_id?: unknown; memory?: unknown; student_said?: unknown };
    if (typeof entry.memory_id !== 'number' || entry.memory === null || typeof entry.memory !== 'object') return [];
    const said = Array.isArray(entry.student_said) ? entry.student_said.filter((s) => typeof s === 'string') : [];
    return [
      { source: { memoryId: entry.memory_id, studentSaid: said }, memory: entry.memory as Record<string, unknown> },
    ];
  } catch {
    return [];
  }
}

const TOPICS_FIELD = /main_topics[`"']?\s*(?::|is)\s*(\[[^\]]*\]|"(?:[^"\\]|\\.)*")/g;
const OBSERVATION_FIELD = /typical_observation[`"']?\s*(?::|is)\s*"((?:[^"\\]|\\.)*)"/g;
const QUOTED = /"((?:[^"\\]|\\.)*)"/g;
const NO_SOURCE: Source = { memoryId: undefined, studentSaid: [] };

/** Memories as JSON or as rendered snippets, with no id to cite. */
function readUnlisted(material: string): { topics: Found[]; observations: Found[] } {
  const topics: Found[] = [];
  for (const match of material.matchAll(TOPICS_FIELD)) {
    const value = match[1]!;
    const texts = value.startsWith('[')
      ? [...value.matchAll(QUOTED)].map((m) => decodeJsonString(m[1]!))
      : decodeJsonString(value.slice(1, -1)).split(/,\s*/);
    topics.push(...texts.map((text) => ({ text, source: NO_SOURCE })));
  }
  const observations = [...material.matchAll(OBSERVATION_FIELD)]
    .map((m) => ({ text: decodeJsonString(m[1]!), source: NO_SOURCE }))
    .filter((o) => o.text.trim().length > 0);
  return { topics, observations };
}

/** The five most frequent topics (ties: first seen first), each with where it was first found. */
function rankTopics(topics: Found[]): Array<{ topic: string; found: Found }> {
  const counts = new Map<string, { count: number; found: Found }>();
  for (const found of topics) {
    const topic = found.text.trim().toLowerCase();
    if (topic.length === 0 || topic === 'getting started') continue;
    const seen = counts.get(topic);
    counts.set(topic, { count: (seen?.count ?? 0) + 1, found: seen?.found ?? found });
  }
  return [...counts]
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, 5)
    .map(([topic, { found }]) => ({ topic, found }));
}

const SENTENCE = /[^.!?\n]+[.!?]*/g;

/** The first sentence the student wrote that holds the topic, exactly as they wrote it. */
function studentSentenceWith(topic: string, source: Source): string | undefined {
  for (const message of source.studentSaid) {
    for (const match of message.matchAll(SENTENCE)) {
      const sentence = match[0].trim();
      if (sentence.toLowerCase().includes(topic)) return sentence;
    }
  }
  return undefined;
}

/** A claim for `key` when the words came from a memory with an id to cite. */
function claim(key: string, found: Found, quote = found.text): PersonaEvidenceClaim[] {
  const memoryId = found.source.memoryId;
  return memoryId === undefined ? [] : [{ key, memory_id: memoryId, quote }];
}

function uniqueBy<T>(items: T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(keyOf(item)) && seen.add(keyOf(item)));
}

function decodeJsonString(jsonStringBody: string): string {
  try {
    return JSON.parse(`"${jsonStringBody}"`) as string;
  } catch {
    return jsonStringBody;
  }
}
