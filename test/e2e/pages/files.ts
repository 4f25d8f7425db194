/** Session files on the dashboard and the home screen, and the few steps around them the session-files test needs. */
import type { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core';
import { watchErrors } from '../support/browser';

export const DEMO_TITLE = 'Northmoor: what should the pot pay for?';
export const DEMO_PIN = '1234';

export interface FilesTablet {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A tablet: its own browser context (its own storage), downloads allowed, errors collected. */
export async function filesTablet(browser: Browser): Promise<FilesTablet> {
  // bypassCSP: the app's Content-Security-Policy would block axe-core being added to the page.
  const context = await browser.newContext({
    viewport: { width: 1024, height: 768 },
    bypassCSP: true,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page, errors: watchErrors(page) };
}

/** The session id in an address such as http://host/#/session/<id>. */
export function sessionIdOf(url: string): string {
  const m = /#\/session\/([A-Za-z0-9-]+)/.exec(url);
  if (!m?.[1]) throw new Error(`No session id in ${url}`);
  return m[1];
}

/** One of the live regions an import writes to: its preview or what was added. */
export class FilesSection {
  constructor(
    readonly page: Page,
    /** The section's heading: "Session files" on the dashboard, "Import a session file" on the home screen. */
    readonly heading: string,
  ) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: this.heading, exact: true });
  }

  get status(): Locator {
    return this.region.locator('.files-import > .files-status');
  }

  get alert(): Locator {
    return this.region.getByRole('alert');
  }

  get saveState(): Locator {
    return this.region.locator('.files-import [data-save-state]');
  }

  button(name: string): Locator {
    return this.region.getByRole('button', { name, exact: true });
  }

  /** Chooses files through the picker (the hidden file input behind "Choose session files"). */
  async choose(...paths: string[]): Promise<void> {
    await this.region.locator('input[type=file]').setInputFiles(paths);
  }

  /** Drops a file on the drop zone, as dragging it from the file manager does. */
  async drop(name: string, bytes: Uint8Array): Promise<void> {
    const zone = this.region.getByRole('group', { name: /^(Drag session files here|Drop the files)/ });
    const transfer = await this.page.evaluateHandle(
      ({ name, data }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], name));
        return dt;
      },
      { name, data: [...bytes] },
    );
    await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
    await zone.dispatchEvent('dragover', { dataTransfer: transfer });
    await zone.dispatchEvent('drop', { dataTransfer: transfer });
  }

  /** Waits for the preview and returns its main sentences. */
  async preview(): Promise<string[]> {
    await this.status.locator('.files-preview').waitFor();
    return (await this.status.locator('.files-preview__main').allTextContents()).map((s) => s.trim());
  }

  /** Waits for the refusal and returns its text. */
  async error(): Promise<string> {
    await this.alert.waitFor();
    return ((await this.alert.textContent()) ?? '').trim();
  }
}

export class FilesDashboard extends FilesSection {
  constructor(page: Page) {
    super(page, 'Session files');
  }

  /** "Save a session file": the download, saved to `path`. */
  async saveFile(path: string): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.button('Save a session file').click(),
    ]);
    await download.saveAs(path);
    return download;
  }

  /** "Add to this session", then waits until the import is stored (Saved) and says what was added. */
  async add(): Promise<string> {
    await this.button('Add to this session').click();
    await this.region.locator('.files-import [data-save-state="saved"]').waitFor();
    return ((await this.status.textContent()) ?? '').trim();
  }

  /** A number under "So far", e.g. "Ideas shown to residents". */
  async count(label: string): Promise<number> {
    const item = this.page.locator('.fac-counts__item').filter({
      has: this.page.locator('dt', { hasText: label }),
    });
    return Number(((await item.locator('dd').textContent()) ?? '').replace(/[^\d]/g, ''));
  }
}

export async function goHome(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Open the demo session' }).waitFor();
}

/** The PIN screen: unlocks with the PIN and waits for the dashboard of `title`. */
export async function unlock(page: Page, title = DEMO_TITLE, pin = DEMO_PIN): Promise<void> {
  await page.getByLabel('Facilitator PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
  await page.getByRole('button', { name: 'Start kiosk mode' }).waitFor();
}

/** Home → "Open the demo session" → PIN → dashboard. Returns the new session's id. */
export async function openDemo(page: Page, baseUrl: string): Promise<string> {
  await goHome(page, baseUrl);
  await page.getByRole('button', { name: 'Open the demo session' }).click();
  await page.waitForURL(/#\/session\/[A-Za-z0-9-]+$/);
  const id = sessionIdOf(page.url());
  await unlock(page);
  return id;
}

/**
 * From the dashboard: one resident's turn in kiosk mode that adds an idea, then back to the dashboard (of the demo,
 * or of `session`, unlocked with its PIN).
 */
export async function addIdeaInKiosk(
  page: Page,
  title: string,
  session: { title: string; pin: string } = { title: DEMO_TITLE, pin: DEMO_PIN },
): Promise<void> {
  const heading = (name: string): Locator => page.getByRole('heading', { level: 1, name, exact: true });
  const tap = (name: string): Promise<void> => page.getByRole('button', { name, exact: true }).click();
  await tap('Start kiosk mode');
  await heading('Welcome').waitFor();
  await tap('Start');
  await heading('Before you start').waitFor();
  await tap('I agree');
  await page
    .getByRole('heading', { level: 1, name: /^(A little about you|What would you like to do\?)$/ })
    .waitFor();
  if (await heading('A little about you').isVisible()) await tap('Skip these questions');
  await heading('What would you like to do?').waitFor();
  await tap('Add your idea');
  await heading('Add your idea').waitFor();
  await page.getByLabel('Your idea in a few words', { exact: true }).fill(title);
  await page
    .getByRole('group', { name: 'Which of these is it closest to?' })
    .getByRole('radio', { name: 'Young people', exact: true })
    .check();
  await page.getByLabel('Roughly how much would it cost?', { exact: true }).fill('5000');
  await tap('Add my idea');
  await page.getByText('Thank you. Your idea has been added.', { exact: true }).waitFor();
  await tap('Facilitator');
  await heading('Hand over to the facilitator?').waitFor();
  await tap('Yes, end the turn');
  await heading('Unlock facilitator mode').waitFor();
  await unlock(page, session.title, session.pin);
}
