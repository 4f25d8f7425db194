/** The first screen: the demo, this device's sessions and the link to create one. */
import type { Locator, Page } from 'playwright-core';

/** The session id in an address such as http://host/#/session/<id> or #/session/<id>/kiosk. */
export function sessionIdFrom(url: string): string {
  const m = /#\/session\/([A-Za-z0-9-]+)/.exec(url);
  if (!m?.[1]) throw new Error(`No session id in ${url}`);
  return m[1];
}

export class Home {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Neighbourhood Co-design' });
  }

  get demoButton(): Locator {
    return this.page.getByRole('button', { name: 'Open the demo session' });
  }

  /** A session in "Sessions on this tablet", by its title. */
  session(title: string): Locator {
    return this.page.getByRole('link', { name: new RegExp(`^${escapeRegExp(title)}`) });
  }

  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(baseUrl);
    await this.demoButton.waitFor();
  }

  /** Opens (creating it the first time) the demo session; lands on its PIN screen. Returns the session id. */
  async openDemo(): Promise<string> {
    await this.demoButton.click();
    await this.page.waitForURL(/#\/session\/[A-Za-z0-9-]+$/);
    return sessionIdFrom(this.page.url());
  }

  async openCreateForm(): Promise<void> {
    await this.page.getByRole('link', { name: 'Create a session', exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Create a session' }).waitFor();
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
