import type { RefObject } from 'react';
import { flushSync } from 'react-dom';
import { insertPlaceholder, PLACEHOLDER_GROUPS } from './placeholders.ts';

interface PlaceholderPickerProps {
  /** The prompt text box the placeholders go into, at its caret. */
  target: RefObject<HTMLTextAreaElement | null>;
  value: string;
  onChange: (text: string) => void;
}

export function PlaceholderPicker({ target, value, onChange }: PlaceholderPickerProps) {
  function insert(token: string) {
    const box = target.current;
    const start = box?.selectionStart ?? value.length;
    const end = box?.selectionEnd ?? value.length;
    const edit = insertPlaceholder(value, start, end, token);
    // the new text must be in the box before the caret can be put after the token
    flushSync(() => onChange(edit.text));
    box?.focus();
    box?.setSelectionRange(edit.caret, edit.caret);
  }

  return (
    <div className="placeholder-picker">
      <p className="hint">
        Insert a placeholder at the cursor. The Brain fills it in for every reply; a missing value reads “[Not
        available]”.
      </p>
      {PLACEHOLDER_GROUPS.map((group) => (
        <fieldset key={group.label}>
          <legend>{group.label}</legend>
          {group.placeholders.map((placeholder) => (
            <button
              key={placeholder.token}
              type="button"
              className="token"
              title={placeholder.description}
              aria-label={`Insert ${placeholder.token}: ${placeholder.description}`}
              onClick={() => insert(placeholder.token)}
            >
              {placeholder.token}
            </button>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
