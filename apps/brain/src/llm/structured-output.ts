import { jsonSchema, type Schema } from 'ai';
import { z } from 'zod';

type JsonSchema = Parameters<typeof jsonSchema>[0] & Record<string, unknown>;

/**
 * The schema a model is given for structured output, validated on the way back by the zod schema.
 * Schemas with a `.meta({ id })` (UserPersonaData, ConversationMemoryData) would become a bare
 * `{"$ref": …}` root, which OpenAI rejects and small servers mishandle, so references are inlined.
 */
export function modelOutputSchema<T>(schema: z.ZodType<T>): Schema<T> {
  return jsonSchema<T>(() => inlineReferences(z.toJSONSchema(schema, { target: 'draft-07', io: 'input' })), {
    validate: (value) => {
      const parsed = schema.safeParse(value);
      return parsed.success ? { success: true, value: parsed.data } : { success: false, error: parsed.error };
    },
  });
}

export function inlineReferences(root: Record<string, unknown>): JsonSchema {
  const definitions = (root.definitions ?? root.$defs ?? {}) as Record<string, unknown>;
  const resolve = (node: unknown, depth: number): unknown => {
    if (Array.isArray(node)) return node.map((item) => resolve(item, depth));
    if (node === null || typeof node !== 'object') return node;
    const { $ref, ...rest } = node as Record<string, unknown>;
    const name = typeof $ref === 'string' ? /^#\/(?:definitions|\$defs)\/(.+)$/.exec($ref)?.[1] : undefined;
    if (name !== undefined && definitions[name] !== undefined && depth < 32) {
      return { ...(resolve(definitions[name], depth + 1) as object), ...(resolve(rest, depth) as object) };
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolve(value, depth)]));
  };
  const { definitions: _definitions, $defs: _defs, ...body } = root;
  return resolve(body, 0) as JsonSchema;
}
