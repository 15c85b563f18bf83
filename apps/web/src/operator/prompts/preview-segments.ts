/** A token the preview render replaced, and where its text landed in the rendered prompt. */
export interface Injection {
  placeholder: string;
  start: number;
  end: number;
}

/** A stretch of the rendered prompt: plain template text, or what a placeholder became. */
export interface PreviewSegment {
  text: string;
  /** The token that produced this text; absent for the template's own text. */
  placeholder?: string;
}

/**
 * Cuts `rendered` at the injections' offsets. An injection that became no text has nothing to show; one out
 * of range or overlapping the previous is left plain.
 */
export function splitByInjections(rendered: string, injections: readonly Injection[]): PreviewSegment[] {
  const segments: PreviewSegment[] = [];
  let from = 0;
  for (const injection of [...injections].sort((a, b) => a.start - b.start)) {
    if (injection.start < from || injection.end <= injection.start || injection.end > rendered.length) continue;
    if (injection.start > from) segments.push({ text: rendered.slice(from, injection.start) });
    segments.push({ text: rendered.slice(injection.start, injection.end), placeholder: injection.placeholder });
    from = injection.end;
  }
  if (from < rendered.length) segments.push({ text: rendered.slice(from) });
  return segments;
}
