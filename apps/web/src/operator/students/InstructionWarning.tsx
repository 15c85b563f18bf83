import { instructionLikeKeys } from '@coach/core';

/**
 * A persona's or memory's values that read like an instruction to the model ("ignore previous
 * instructions…"), found by the same detector the Backend flags revisions with. The coach injects them
 * only as quoted values; an operator should still look, and correct the record if it is not about the
 * student.
 */
export function InstructionWarning({ data, what }: { data: Record<string, unknown>; what: 'persona' | 'memory' }) {
  const keys = instructionLikeKeys(data);
  if (keys.length === 0) return null;
  return (
    <p className="warning" role="note">
      <strong>Check carefully:</strong> this {what}'s {keys.map((key) => key.replaceAll('_', ' ')).join(', ')}{' '}
      {keys.length === 1 ? 'reads' : 'read'} like an instruction to the coach, not a description of the student.
    </p>
  );
}
