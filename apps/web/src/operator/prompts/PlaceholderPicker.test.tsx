// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useRef, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PlaceholderPicker } from './PlaceholderPicker.tsx';

afterEach(cleanup);

function PromptEditor({ start }: { start: string }) {
  const [text, setText] = useState(start);
  const box = useRef<HTMLTextAreaElement>(null);
  return (
    <>
      <label htmlFor="text">Prompt text</label>
      <textarea id="text" ref={box} value={text} onChange={(event) => setText(event.target.value)} />
      <PlaceholderPicker target={box} value={text} onChange={setText} />
    </>
  );
}

describe('<PlaceholderPicker>', () => {
  it('puts the chosen placeholder at the caret and leaves the caret after it', () => {
    render(<PromptEditor start={'Student: \nQuestion: '} />);
    const box = screen.getByLabelText<HTMLTextAreaElement>('Prompt text');
    box.setSelectionRange(9, 9);
    fireEvent.click(screen.getByRole('button', { name: /Insert \{\{USER_PERSONA__persona\}\}/ }));
    expect(box.value).toBe('Student: {{USER_PERSONA__persona}}\nQuestion: ');
    expect(box.selectionStart).toBe(9 + '{{USER_PERSONA__persona}}'.length);
    expect(document.activeElement).toBe(box);

    box.setSelectionRange(box.value.length, box.value.length);
    fireEvent.click(screen.getByRole('button', { name: /Insert \{\{QUERY\}\}/ }));
    expect(box.value).toBe('Student: {{USER_PERSONA__persona}}\nQuestion: {{QUERY}}');
  });

  it('groups the placeholders so they can be found by what they read', () => {
    render(<PromptEditor start="" />);
    expect(screen.getByRole('group', { name: 'Student persona' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Conversation memory' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'This turn' })).toBeTruthy();
  });
});
