// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBackend, json } from '../../../test/fakes.ts';
import { createApiClient } from '../../api/client.ts';
import { UsagePage } from './UsagePage.tsx';

afterEach(cleanup);

const figures = (calls: number, input: number, output: number, cost: number | null = 0) => ({
  calls,
  failed_calls: 0,
  input_tokens: input,
  output_tokens: output,
  cost_usd: cost,
});

const reports: Record<string, unknown> = {
  day: {
    group_by: 'day',
    totals: { ...figures(7, 1300, 400, null), failed_calls: 1 },
    groups: [
      { key: '2026-12-01', ...figures(3, 300, 100) },
      { key: '2026-12-02', ...figures(4, 1000, 300, null) },
    ],
  },
  call_type: {
    group_by: 'call_type',
    totals: figures(7, 1300, 400, null),
    groups: [
      { key: 'memory_generation', ...figures(5, 1000, 300) },
      { key: 'response_generation', ...figures(2, 300, 100, null) },
    ],
  },
  user: {
    group_by: 'user',
    totals: figures(7, 1300, 400, null),
    groups: [
      { key: 12, ...figures(5, 1000, 300, 0.0012) },
      { key: null, ...figures(1, 200, 50) },
      { key: 7, ...figures(1, 100, 50, null) },
    ],
  },
};

function givenUsageApi() {
  const backend = fakeBackend({
    'GET /api/admin/usage': (request) => {
      const groupBy = new URL(request.url).searchParams.get('group_by') ?? 'day';
      return json(200, { from: '2026-11-03T00:00:00Z', to: '2026-12-03T00:00:00Z', ...(reports[groupBy] as object) });
    },
  });
  return createApiClient({ token: () => 'admin', baseUrl: 'http://coach.test', fetch: backend.fetch });
}

describe('<UsagePage>', () => {
  it('draws tokens by day and by call type as SVG bars, the longest for the most tokens', async () => {
    render(<UsagePage client={givenUsageApi()} />);

    const byDay = await screen.findByRole('img', { name: /Tokens by day/ });
    expect(byDay.getAttribute('aria-label')).toBe('Tokens by day: 1 Dec 400 tokens, 2 Dec 1,300 tokens');
    const [first, second] = within(byDay as unknown as HTMLElement).getAllByTestId('usage-bar');
    const width = (bar: HTMLElement) => Number(bar.querySelector('rect')?.getAttribute('width'));
    expect(width(second!)).toBeGreaterThan(width(first!));
    expect(second!.textContent).toContain('1,300 tokens · 4 calls');

    const byType = screen.getByRole('img', { name: /Tokens by call type/ });
    expect(byType.textContent).toContain('memory generation');
    expect(byType.textContent).toContain('response generation');
  });

  it('lists the top students with links, leaving out calls that served no student, costs unknown said so', async () => {
    render(<UsagePage client={givenUsageApi()} />);

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(rows.map(cells)).toEqual([
      ['Student 12', '5', '1,300', '$0.0012'],
      ['Student 7', '1', '150', 'unknown'],
    ]);
    expect(within(rows[0]!).getByRole('link', { name: 'Student 12' }).getAttribute('href')).toBe(
      '/operator/students/12',
    );
    expect(screen.getByText('7 (1 failed)')).toBeTruthy();
    expect(screen.getByText('unknown', { selector: 'dd' })).toBeTruthy();
  });

  it("says the API's error", async () => {
    const backend = fakeBackend({
      'GET /api/admin/usage': () => json(403, { detail: 'Your role may not read usage.' }),
    });
    const client = createApiClient({ token: () => 'viewer', baseUrl: 'http://coach.test', fetch: backend.fetch });
    render(<UsagePage client={client} />);

    expect((await screen.findByRole('alert')).textContent).toContain('Your role may not read usage.');
  });
});
