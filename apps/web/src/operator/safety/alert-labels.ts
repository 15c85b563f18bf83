/** How the console names the screen's categories (the API's keys stay as they are). */
const CATEGORY_LABELS: Record<string, string> = {
  self_harm: 'Self-harm',
  violence: 'Violence',
  sexual: 'Sexual content',
  bullying: 'Bullying',
  contact_info: 'Contact details',
};

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? category.replaceAll('_', ' ');
}

/** Where an alert's message is read in its conversation: the student's page opens that conversation at it. */
export function messageLink(alert: { user_id: number; conversation_id: number | null; message_id: number | null }) {
  if (alert.conversation_id === null) return null;
  const at = alert.message_id === null ? '' : `-message-${alert.message_id}`;
  return `/operator/students/${alert.user_id}#conversation-${alert.conversation_id}${at}`;
}
