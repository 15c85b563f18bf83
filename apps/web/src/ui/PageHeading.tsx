import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A page's h1. On a new page it takes the focus and sets the tab title, so a screen reader announces
 * where a link led and keyboard users continue from the top of the new page.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Curiosity Coach`;
    heading.current?.focus();
  }, [title]);
  return (
    <h1 id="page-title" ref={heading} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
