/**
 * A plainly mistyped enrolment code is caught on the device. Before, every code went to the council server, which
 * could only say "This code is not known" (and counted a failed try against the network's limit); now a code of
 * the wrong length, or with a character no code has (O, 0, I, 1, L, U, punctuation), is named on the spot, what
 * was typed stays, and nothing is sent. A well-shaped code still goes to the server. Real server, temp SQLite.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Home } from './pages/Home';
import { axeViolations } from './support/axe';
import { newTablet } from './support/tablet';
import { useBrowserAndCouncil } from './support/setup';

const app = useBrowserAndCouncil('codesign-enrol-shape-');

/** Counts the enrolment requests the page sends. */
function watchEnrolRequests(page: Page): { count: () => number } {
  let n = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/enrol') n += 1;
  });
  return { count: () => n };
}

describe('an enrolment code checked on the device first', () => {
  it('Given the first screen, when a code of the wrong length or with an O in it is sent, then what is wrong is said, the text stays, and nothing goes to the server', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const sent = watchEnrolRequests(page);
      await new Home(page).goto(app.url);
      const council = page.getByRole('region', { name: 'Sessions from the council' });
      const field = council.getByLabel('Enrolment code', { exact: true });

      await field.fill('7K2M 9QX');
      await field.press('Enter');
      await council
        .getByRole('alert')
        .filter({
          hasText: 'An enrolment code has 10 letters and numbers, but this has 7. Check it and try again.',
        })
        .waitFor();
      expect(await field.inputValue()).toBe('7K2M 9QX');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await axeViolations(page)).toEqual([]);

      await field.fill('7K2M 9QXP 4O');
      await council.getByRole('button', { name: 'Enrol this device', exact: true }).click();
      await council
        .getByRole('alert')
        .filter({
          hasText: 'An enrolment code never has “O” in it (no 0, O, 1, I, L or U). Check it and try again.',
        })
        .waitFor();
      expect(await field.inputValue()).toBe('7K2M 9QXP 4O');
      expect(sent.count()).toBe(0);

      // A code of the right shape goes to the server, which says whether it knows it.
      await field.fill('7K2M 9QXP 4T');
      await field.press('Enter');
      await council.getByRole('alert').filter({ hasText: 'This code is not known.' }).waitFor();
      expect(sent.count()).toBe(1);
      // The browser logs the server's refusal of the unknown code; nothing else may go wrong.
      expect(errors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
