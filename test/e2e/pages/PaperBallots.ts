/** The "Paper ballots" panel on the dashboard: type in a sheet, read the list and the counts, import a CSV. */
import type { Locator, Page } from 'playwright-core';
import { escapeRegExp } from './Home';

export interface PaperRow {
  sheet: number;
  choices: string;
  counted: string;
}

export class PaperBallots {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Paper ballots', exact: true });
  }

  get sheetField(): Locator {
    return this.region.getByRole('textbox', { name: 'Sheet number', exact: true });
  }

  get announcement(): Locator {
    return this.region.locator('.paper-announce');
  }

  get importStatus(): Locator {
    return this.region.locator('.paper-import-status');
  }

  get importProblems(): Locator {
    return this.region.locator('.paper-problems');
  }

  button(name: string): Locator {
    return this.region.getByRole('button', { name, exact: true });
  }

  /** The dots box of an idea, found by its title ("4. Youth club … (£12,000)"). */
  dotsField(title: string): Locator {
    return this.region.getByRole('textbox', { name: new RegExp(`^\\d+\\. ${escapeRegExp(title)} \\(`) });
  }

  /** Types a sheet's number and dots, and presses "Add this sheet" (does not wait for the outcome). */
  async type(sheet: string, dots: readonly (readonly [string, number])[]): Promise<void> {
    await this.sheetField.fill(sheet);
    for (const [title, n] of dots) await this.dotsField(title).fill(String(n));
    await this.button('Add this sheet').click();
  }

  /** Types a sheet and waits for "Sheet N added." */
  async enter(sheet: number, dots: readonly (readonly [string, number])[]): Promise<void> {
    await this.type(String(sheet), dots);
    await this.region.getByText(`Sheet ${sheet} added.`, { exact: true }).waitFor();
  }

  /** "From the tablets" / "From paper" counted ballots. */
  async counts(): Promise<{ kiosk: number; paper: number }> {
    const read = async (id: string): Promise<number> =>
      Number(((await this.region.getByTestId(id).textContent()) ?? '').replace(/[^\d]/g, ''));
    return { kiosk: await read('paper-count-kiosk'), paper: await read('paper-count-paper') };
  }

  async rows(): Promise<PaperRow[]> {
    const table = this.region.getByRole('table', { name: 'Paper ballots by sheet number' });
    await table.waitFor();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('th')?.textContent ?? '',
          ...[...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
        ]),
      );
    return rows.map(([sheet, choices, counted]) => ({
      sheet: Number(sheet),
      choices: choices ?? '',
      counted: counted ?? '',
    }));
  }

  /** Chooses a CSV file (given as text, saved as UTF-8, or as bytes) in the import. */
  async chooseCsv(name: string, text: string | Buffer): Promise<void> {
    const buffer = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    await this.region.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer });
  }
}
