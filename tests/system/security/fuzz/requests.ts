import fc from 'fast-check';
import type { PlannedRequest, RouteKey } from '../access.ts';
import { contentType, deepJson, nastyJson, nastyString, oddHeaders, pathSegment, queryString } from './inputs.ts';

export interface FuzzRequest {
  method: string;
  /** With the query string. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What was done to the valid request, for the report. */
  mutation: string;
}

type Json = unknown;
type FieldPath = Array<string | number>;

/** Every field of a JSON value (to depth 4), so one of them can be replaced or dropped. */
function fieldPaths(value: Json, prefix: FieldPath = [], depth = 0): FieldPath[] {
  if (depth >= 4 || value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...fieldPaths(child, [...prefix, key], depth + 1)]);
}

function changedAt(value: Json, path: FieldPath, change: (parent: any, key: string | number) => void): Json {
  const copy = structuredClone(value) as any;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  change(parent, path[path.length - 1]!);
  return copy;
}

/** The body of a fuzzed request, and what was done to the valid one. */
function bodies(sample: Json): fc.Arbitrary<{ body: string | undefined; mutation: string }> {
  const json = (mutation: string) => (value: Json) => ({ body: JSON.stringify(value), mutation });
  const options: Array<fc.WeightedArbitrary<{ body: string | undefined; mutation: string }>> = [
    { weight: 2, arbitrary: nastyJson.map(json('random JSON body')) },
    { weight: 1, arbitrary: deepJson.map((body) => ({ body, mutation: 'deeply nested body' })) },
    { weight: 1, arbitrary: nastyString.map((body) => ({ body, mutation: 'body that is not JSON' })) },
    { weight: 1, arbitrary: fc.constant({ body: undefined, mutation: 'no body' }) },
  ];
  const paths = fieldPaths(sample);
  if (sample !== undefined) options.push({ weight: 1, arbitrary: fc.constant(sample).map(json('the valid body')) });
  if (paths.length > 0) {
    const path = fc.constantFrom(...paths);
    options.push(
      {
        weight: 6,
        arbitrary: fc
          .tuple(path, fc.oneof(nastyJson, nastyString))
          .map(([p, v]) => json(`body.${p.join('.')} replaced`)(changedAt(sample, p, (o, k) => (o[k] = v)))),
      },
      {
        weight: 2,
        arbitrary: path.map((p) =>
          json(`body.${p.join('.')} dropped`)(
            changedAt(sample, p, (o, k) => (Array.isArray(o) ? o.splice(k as number, 1) : delete o[k])),
          ),
        ),
      },
      {
        weight: 1,
        arbitrary: fc
          .dictionary(fc.oneof(nastyString, fc.constantFrom('user_id', 'id', 'is_user')), nastyJson, { maxKeys: 3 })
          .map((extra) => json('extra fields')({ ...(sample as object), ...extra })),
      },
    );
  }
  return fc.oneof(...options);
}

/** The path of a fuzzed request: each id of the valid path kept or replaced, the query kept or replaced. */
function paths(route: RouteKey, sample: string): fc.Arbitrary<{ path: string; mutation: string }> {
  const pattern = route.slice(route.indexOf(' ') + 1).split('/');
  const [samplePath, sampleQuery = ''] = sample.split('?');
  const segments = samplePath!.split('/');
  const segment = (i: number) =>
    pattern[i]?.startsWith(':') || pattern[i] === '*'
      ? fc.oneof({ weight: 2, arbitrary: fc.constant(segments[i]!) }, { weight: 3, arbitrary: pathSegment })
      : fc.constant(segments[i]!);
  const query = fc.oneof(
    fc.constant(sampleQuery ? `?${sampleQuery}` : ''),
    queryString,
    queryString.map((q) => (sampleQuery ? `?${sampleQuery}${q.replace('?', '&')}` : q)),
  );
  return fc.tuple(fc.tuple(...segments.map((_, i) => segment(i))), query).map(([parts, q]) => {
    const path = `${parts.join('/')}${q}`;
    return { path, mutation: path === sample ? 'the valid path' : `path ${path.slice(0, 80)}` };
  });
}

/**
 * Requests for one route with a token it admits: the valid request, bent at its path ids, query,
 * body and headers in every way `inputs.ts` knows.
 */
export function fuzzRequests(route: RouteKey, sample: PlannedRequest, tokens: string[]): fc.Arbitrary<FuzzRequest> {
  const method = route.slice(0, route.indexOf(' '));
  const withBody = method !== 'GET' && method !== 'HEAD';
  const noBody = fc.constant({ body: undefined as string | undefined, mutation: '' });
  const auth = tokens.length === 0 ? fc.constant(undefined) : fc.constantFrom(...tokens);
  return fc
    .record({
      path: paths(route, sample.path),
      body: withBody ? bodies(sample.body) : noBody,
      type: fc.option(contentType, { freq: 3 }),
      headers: fc.option(oddHeaders, { freq: 2 }),
      token: auth,
      scheme: fc.constantFrom('Bearer', 'bearer', 'BEARER'),
    })
    .map(({ path, body, type, headers, token, scheme }) => {
      const all: Record<string, string> = { ...headers };
      if (token) all.authorization = `${scheme} ${token}`;
      if (body.body !== undefined) all['content-type'] = type ?? 'application/json';
      else if (type !== null && withBody) all['content-type'] = type;
      const mutation = [path.mutation, body.mutation, type ? `content-type ${type}` : '', headers ? 'odd headers' : '']
        .filter(Boolean)
        .join(', ');
      return { method, path: path.path, headers: all, ...(body.body !== undefined && { body: body.body }), mutation };
    });
}
