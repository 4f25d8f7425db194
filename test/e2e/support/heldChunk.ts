/** A lazily loaded screen's code held back until the test lets it come, so the screen's loading state can be read. */
import type { Page } from 'playwright-core';

/** The officer view's chunk, whatever its hash. */
export const OFFICER_CHUNK = /\/assets\/OfficerScreen-[^/]+\.js$/;

/** Holds every request for `chunk` from now on; the function returned lets them through. */
export async function holdChunk(page: Page, chunk: RegExp): Promise<() => void> {
  let deliver = (): void => undefined;
  const delivered = new Promise<void>((resolve) => (deliver = resolve));
  await page.route(chunk, async (route) => {
    await delivered;
    await route.continue();
  });
  return deliver;
}
