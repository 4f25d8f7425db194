/** axe-core in the page: WCAG 2.0/2.1/2.2 A and AA rules, and a readable list of what failed. */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

const MAX_STEPPED_MS = 5000;

/**
 * With `clockStopped`, the page's fake clock is paused (page.clock.pauseAt): axe waits on timers of its own, so
 * the clock is stepped a millisecond at a time until axe answers (at most `MAX_STEPPED_MS` of page time, far less
 * than any timer the app has running, e.g. the 30 s between "Still there?" and the end of a turn).
 */
export async function axeViolations(page: Page, { clockStopped = false } = {}): Promise<string[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.addScriptTag({ path: axePath });
  const running = page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations;
  });
  if (clockStopped) {
    let isDone = false;
    const done = running.finally(() => (isDone = true));
    for (let stepped = 0; !isDone; stepped += 1) {
      if (stepped > MAX_STEPPED_MS)
        throw new Error(`axe did not answer within ${MAX_STEPPED_MS} ms of page time`);
      await page.clock.runFor(1);
    }
    await done;
  }
  const violations = await running;
  return (violations as AxeViolation[]).map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
  );
}
