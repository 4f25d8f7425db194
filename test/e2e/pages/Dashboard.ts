/** Facilitator mode for one session: counts, the live board, looking after ideas, merging. */
import type { Locator, Page } from 'playwright-core';
import { escapeRegExp } from './Home';
import type { MethodName } from './SessionForm';

export interface BoardRow {
  idea: string;
  /** "Includes: …" under a kept idea, or '' */
  includes: string;
  theme: string;
  cost: string;
  supporters: number;
  points: number;
  comments: number;
}

const toNumber = (text: string): number => Number(text.replace(/[^\d.-]/g, ''));

export class Dashboard {
  constructor(
    readonly page: Page,
    readonly title: string,
  ) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.title, exact: true });
  }

  get board(): Locator {
    return this.page.getByRole('table', { name: 'Ideas with the most support first' });
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor();
    await this.page.getByRole('button', { name: 'Start kiosk mode' }).waitFor();
  }

  /** A number under "So far", e.g. "Ballots counted". */
  async count(label: string): Promise<number> {
    const item = this.page
      .locator('.fac-counts__item')
      .filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
    return toNumber((await item.locator('dd').textContent()) ?? '');
  }

  /** Every row of the live board, as shown. */
  async boardRows(): Promise<BoardRow[]> {
    await this.board.waitFor();
    const rows = await this.board.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const th = tr.querySelector('th')!;
        const note = th.querySelector('span')?.textContent ?? '';
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
        return { idea: (th.textContent ?? '').replace(note, '').trim(), includes: note.trim(), cells };
      }),
    );
    return rows.map((r) => ({
      idea: r.idea,
      includes: r.includes,
      theme: r.cells[0] ?? '',
      cost: r.cells[1] ?? '',
      supporters: toNumber(r.cells[2] ?? ''),
      points: toNumber(r.cells[3] ?? ''),
      comments: toNumber(r.cells[4] ?? ''),
    }));
  }

  async boardRow(idea: string): Promise<BoardRow | undefined> {
    return (await this.boardRows()).find((r) => r.idea === idea);
  }

  /** One idea under "Look after the ideas". */
  idea(title: string): Locator {
    return this.page.getByRole('article', { name: title, exact: true });
  }

  async startKiosk(): Promise<void> {
    await this.page.getByRole('button', { name: 'Start kiosk mode' }).click();
    await this.page.waitForURL(/\/kiosk$/);
  }

  async openEditForm(): Promise<void> {
    await this.page.getByRole('link', { name: 'Edit session' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Edit the session' }).waitFor();
  }

  /** "Edit session": the languages named (in themselves) turned on and the method chosen, saved; back here. */
  async changeSettings(change: { languages?: readonly string[]; method?: MethodName }): Promise<void> {
    const { languages = [], method } = change;
    await this.openEditForm();
    for (const name of languages) await this.page.getByRole('checkbox', { name, exact: true }).check();
    if (method) await this.page.getByRole('radio', { name: method, exact: true }).check();
    await this.page.getByRole('button', { name: 'Save changes' }).click();
    await this.page.locator('[data-save-state="saved"]').waitFor();
    await this.page.getByRole('link', { name: 'Back to the session' }).click();
    await this.waitUntilShown();
  }

  async lock(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lock facilitator mode' }).click();
  }

  /** Merges `duplicate` into `kept` through the confirmation step. */
  async merge(duplicate: string, kept: string): Promise<void> {
    await this.page.getByLabel('The duplicate', { exact: true }).selectOption({ label: duplicate });
    await this.page.getByLabel('The idea to keep', { exact: true }).selectOption({ label: kept });
    await this.page.getByRole('button', { name: 'Merge these ideas' }).click();
    const dialog = this.page.getByRole('alertdialog', { name: 'Merge these ideas?' });
    await dialog.getByRole('button', { name: 'Yes, merge them' }).click();
    await this.page
      .getByRole('status')
      .filter({ hasText: `“${duplicate}” is now part of “${kept}”.` })
      .waitFor();
  }
}
