import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintTemplate } from './lint.ts';
import { KEYED_VARIABLES, PLAIN_VARIABLES } from './patterns.ts';
import { STEP_VARIABLES } from './purposes.ts';
import { renderTemplateWithInjections } from './template.ts';

// every placeholder the renderer replaces completely: known names, allowed keys only
const validPlaceholder = fc.oneof(
  fc.constantFrom(...PLAIN_VARIABLES, ...STEP_VARIABLES).map((name) => `{{${name}}}`),
  fc
    .constantFrom(...(Object.keys(KEYED_VARIABLES) as (keyof typeof KEYED_VARIABLES)[]))
    .chain((name) =>
      fc
        .option(fc.array(fc.constantFrom(...KEYED_VARIABLES[name]), { minLength: 1, maxLength: 3 }), { nil: undefined })
        .map((keys) => (keys === undefined ? `{{${name}}}` : `{{${name}__${keys.join('__')}}}`)),
    ),
);
const braceFreeText = fc.string({ maxLength: 30 }).map((text) => text.replace(/[{}]/g, ''));
const fullyExpandedTemplate = fc
  .array(fc.oneof(braceFreeText, validPlaceholder), { maxLength: 10 })
  .map((parts) => parts.join(''));

const WHOLE_VALID = new RegExp(
  `^\\{\\{(?:${[...PLAIN_VARIABLES, ...STEP_VARIABLES].join('|')}|${Object.entries(KEYED_VARIABLES)
    .map(([name, keys]) => `${name}(?:__(?:${keys.join('|')}))*`)
    .join('|')})\\}\\}$`,
);

// braces, underscores and spaces are where the grammar is most fragile, so they come often
const oneChar = fc.oneof(
  fc.constantFrom('{', '}', '_', ' ', '\n', '\t'),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);

/** One character inserted, deleted or replaced somewhere from the first brace to the last. */
const corruption = (token: string) =>
  fc
    .oneof(
      fc.record({ kind: fc.constant('insert'), at: fc.integer({ min: 1, max: token.length - 1 }), char: oneChar }),
      fc.record({
        kind: fc.constant('delete'),
        at: fc.integer({ min: 0, max: token.length - 1 }),
        char: fc.constant(''),
      }),
      fc.record({ kind: fc.constant('replace'), at: fc.integer({ min: 0, max: token.length - 1 }), char: oneChar }),
    )
    .map(({ kind, at, char }) =>
      kind === 'insert' ? token.slice(0, at) + char + token.slice(at) : token.slice(0, at) + char + token.slice(at + 1),
    );

describe('lint properties', () => {
  it('finds no problem in a template whose every placeholder the renderer replaces', () => {
    fc.assert(
      fc.property(fullyExpandedTemplate, (template) => {
        const rendering = renderTemplateWithInjections(template, {
          extra: Object.fromEntries(STEP_VARIABLES.map((name) => [name, ''])),
        });
        // the generator's premise: nothing placeholder-like is left in the template's own text
        expect(rendering.injections.length).toBe(template.match(/\{\{/g)?.length ?? 0);
        expect(lintTemplate(template).problems).toEqual([]);
      }),
    );
  });

  it('catches every one-character corruption of a valid placeholder, unless it made another valid one', () => {
    fc.assert(
      fc.property(
        validPlaceholder.chain((token) => fc.tuple(fc.constant(token), corruption(token))),
        braceFreeText,
        braceFreeText,
        ([token, corrupted], before, after) => {
          fc.pre(corrupted !== token);
          const { problems } = lintTemplate(`${before}${corrupted}${after}`);
          if (WHOLE_VALID.test(corrupted)) expect(problems).toEqual([]);
          else expect(problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
