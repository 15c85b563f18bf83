/** What the Backend calls a conversation nobody has named. */
export const DEFAULT_TITLE = 'New Chat';

const MAX_TITLE = 40;

/**
 * A title made from the student's first message, so the sidebar does not fill with "New Chat":
 * its first line, cut at a word boundary.
 */
export function titleFromFirstMessage(content: string): string {
  const line = content.trim().split('\n')[0]!.replace(/\s+/g, ' ');
  if (line.length <= MAX_TITLE) return line;
  const cut = line.slice(0, MAX_TITLE);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > MAX_TITLE / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
