/** What a screen reader hears as a control's description: the text of everything its aria-describedby names. */
import type { Locator } from 'playwright-core';

/** The texts aria-describedby points at, in order, joined by " | ". */
export function description(control: Locator): Promise<string> {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' | '),
  );
}
