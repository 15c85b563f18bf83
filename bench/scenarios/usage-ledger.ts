import { compareOnOff } from '../on-off.ts';
import type { Scenario } from '../scenario.ts';

/** How many calls the ledger holds (0 when it is off). */
async function ledgerCalls(url: string, adminToken: string): Promise<number> {
  const response = await fetch(`${url}/api/admin/usage?group_by=call_type`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  return ((await response.json()) as { totals: { calls: number } }).totals.calls;
}

/**
 * What the model usage ledger costs a chat turn: chat turns on a system with MODEL_USAGE_LEDGER=off and
 * one with it on, alternating in one run (bench/on-off.ts); after each round, how many calls the ledger
 * holds, as a check that it recorded (or did not).
 */
export const usageLedger: Scenario = {
  name: 'usage-ledger',
  title: 'The model usage ledger on vs off (chat turns, offline model, 0 ms)',
  run: (context) =>
    compareOnOff(context, {
      variable: 'MODEL_USAGE_LEDGER',
      column: 'ledger',
      async afterRound(system, setting) {
        // the last batch goes within the flush interval
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        return `(ledger ${setting}): ${await ledgerCalls(system.url, system.adminToken)} model calls in the ledger`;
      },
    }),
};
