import { describe, expect, it } from 'vitest';
import { IntentGathering, parseCoachReply, parseStructured, stripCodeFences } from './schemas.ts';

describe('reading a chat reply', () => {
  const reply = {
    needs_clarification: false,
    follow_up_questions: ['What else floats?'],
    response: 'Why do you think the boat floats?',
    ended_with_question: true,
    educational_concepts: ['buoyancy'],
  };

  it('reads JSON inside a ```json fence', () => {
    expect(parseCoachReply(`\`\`\`json\n${JSON.stringify(reply, null, 2)}\n\`\`\``)).toEqual(reply);
  });

  it('reads bare JSON and JSON after a preamble', () => {
    expect(parseCoachReply(JSON.stringify(reply))).toEqual(reply);
    expect(parseCoachReply(`Here is my answer: ${JSON.stringify(reply)}`)).toEqual(reply);
  });

  it('fills in the fields a model left out', () => {
    expect(parseCoachReply('{"response": "Boats float. Why?"}')).toEqual({
      response: 'Boats float. Why?',
      needs_clarification: false,
      follow_up_questions: [],
      ended_with_question: true,
      educational_concepts: [],
    });
  });

  it('uses text that is not JSON as the reply itself', () => {
    expect(parseCoachReply('  Boats float because of buoyancy.  ')).toEqual({
      response: 'Boats float because of buoyancy.',
      needs_clarification: false,
      follow_up_questions: [],
      ended_with_question: false,
      educational_concepts: [],
    });
    expect(parseCoachReply('What do you think?').ended_with_question).toBe(true);
  });

  it('uses JSON without a response as text rather than losing the reply', () => {
    expect(parseCoachReply('{"answer": "42"}').response).toBe('{"answer": "42"}');
  });

  it('keeps braces that are part of the reply', () => {
    expect(parseCoachReply('Is {1, 2} a set?').response).toBe('Is {1, 2} a set?');
  });
});

describe('reading structured step output', () => {
  it('validates against the schema and falls back otherwise', () => {
    const fallback = () => ({
      needs_clarification: false,
      follow_up_questions: [],
      partial_understanding: '?',
      intent_category: 'educational' as const,
      key_concepts: [],
    });
    const good = {
      needs_clarification: true,
      follow_up_questions: ['Which planet?'],
      partial_understanding: 'Planets',
      intent_category: 'educational',
      key_concepts: ['planets'],
    };
    expect(parseStructured(`\`\`\`\n${JSON.stringify(good)}\n\`\`\``, IntentGathering, fallback)).toEqual(good);
    expect(parseStructured('{"intent_category": "gossip"}', IntentGathering, fallback)).toEqual(fallback());
  });

  it('strips only a surrounding fence', () => {
    expect(stripCodeFences('```json\n{"a":1}\n```')).toBe('{"a":1}');
    expect(stripCodeFences('Use ``` for code')).toBe('Use ``` for code');
  });
});
