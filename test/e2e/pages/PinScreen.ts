/** The PIN step in front of facilitator mode. */
import type { Locator, Page } from 'playwright-core';

export const WRONG_PIN_MESSAGE = 'That PIN is not right. Please check it and try again.';
/** What cannot be a PIN at all (letters, too short, too long): the session form's rule, not a wrong try. */
export const PIN_RULE_MESSAGE = 'The PIN must be 4 to 12 digits, with numbers only.';
export const WAIT_MESSAGE = /Please wait (\d+) seconds? before you try again\./;

export class PinScreen {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Unlock facilitator mode' });
  }

  get field(): Locator {
    return this.page.getByLabel('Facilitator PIN', { exact: true });
  }

  get unlockButton(): Locator {
    return this.page.getByRole('button', { name: 'Unlock', exact: true });
  }

  get waitMessage(): Locator {
    return this.page.getByText(WAIT_MESSAGE);
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor();
    await this.field.waitFor();
  }

  /** Types the PIN and taps Unlock; the caller checks what happened. */
  async submit(pin: string): Promise<void> {
    await this.field.fill(pin);
    await this.unlockButton.click();
  }

  /** A wrong PIN: waits for this try's refusal (a new alert replaces the last one) and returns its text. */
  async submitWrong(pin: string): Promise<string> {
    await this.page.evaluate(() => {
      for (const el of document.querySelectorAll<HTMLElement>('[role=alert]')) el.dataset.seen = 'yes';
    });
    await this.submit(pin);
    const fresh = this.page.locator('[role=alert]:not([data-seen])');
    await fresh.waitFor();
    return (await fresh.textContent()) ?? '';
  }

  /** The right PIN: waits for the dashboard, whose heading is the session's title. */
  async unlock(pin: string, sessionTitle: string): Promise<void> {
    await this.waitUntilShown();
    await this.submit(pin);
    await this.page.getByRole('heading', { level: 1, name: sessionTitle, exact: true }).waitFor();
  }
}
