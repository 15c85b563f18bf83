import type { Page } from 'playwright-core';

/** What the browser refused because of the page's Content-Security-Policy, as a test reads it. */
export interface PolicyViolations {
  /** One line per violation, e.g. `style-src-attr blocked inline on http://…/`; empty when none. */
  readonly seen: string[];
}

/**
 * Records every Content-Security-Policy violation on `page` from the next navigation on: the
 * `securitypolicyviolation` events the page sees, and Chromium's console reports of them (which also cover
 * what happens before a listener could run). Call it before `page.goto`.
 */
export async function watchPolicyViolations(page: Page): Promise<PolicyViolations> {
  const seen: string[] = [];
  await page.exposeFunction('__reportPolicyViolation', (line: string) => seen.push(line));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportPolicyViolation(line: string): void }).__reportPolicyViolation;
      report(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} on ${event.documentURI} (${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample})`,
      );
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(`console: ${message.text()}`);
  });
  return { seen };
}
