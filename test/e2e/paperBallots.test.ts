/**
 * Paper ballots on the facilitator dashboard (the demo session: dot voting, 5 dots, at most 3 on one idea, 12
 * residents have voted at the tablets): two sheets typed in, a sheet typed twice refused and then replaced, a
 * sheet breaking the rules refused, a CSV with bad rows refused with every row in words and nothing added, files
 * saved as windows-1252 and as UTF-16 read with the encoding said, a good CSV previewed and added. Paper ballots count with the rest and are shown apart; the panel has no axe
 * violations; a reload keeps them.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { smallTargets } from './support/targets';
import { DEMO, newTablet, openDemoDashboard } from './support/tablet';
import { PaperBallots } from './pages/PaperBallots';
import { PinScreen } from './pages/PinScreen';
import { useBrowserAndApp } from './support/setup';

const YOUTH = 'Youth club open on Friday and Saturday nights';
const FAIR = 'Apprenticeship fair with local employers';
const GARDEN = 'Community garden on the empty plot';
const UTF_16 = 'The file was saved as “Unicode text” (UTF-16) and has been read as such.';
const WINDOWS_1252 =
  'The file is not UTF-8, so it was read as Windows text (windows-1252), as Excel’s plain “CSV” saves it. If an idea’s name looks wrong, save the file as “CSV UTF-8” and choose it again.';

const app = useBrowserAndApp();

describe('paper ballots', () => {
  it('Given the demo dashboard, when sheets are typed in and a CSV is imported, then they count with the rest, shown apart, with every mistake said in words', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      const { dashboard } = await openDemoDashboard(page, app.url);
      const paper = new PaperBallots(page);
      await paper.region.getByRole('heading', { name: 'Type in one sheet' }).waitFor();
      expect(await paper.counts()).toEqual({ kiosk: 12, paper: 0 });
      expect(await smallTargets(page, 44)).toEqual([]);

      // Two sheets.
      await paper.enter(1, [
        [YOUTH, 2],
        [FAIR, 1],
      ]);
      expect(await paper.sheetField.inputValue()).toBe('');
      // Focus returns to the sheet number in a timer after "Sheet 1 added." is drawn: polled.
      await expect.poll(() => paper.sheetField.evaluate((el) => el === document.activeElement)).toBe(true);
      await paper.enter(2, [[GARDEN, 3]]);
      expect(await paper.counts()).toEqual({ kiosk: 12, paper: 2 });
      expect(await dashboard.count('Ballots counted')).toBe(14);

      // Sheet 1 again: refused, what was typed is kept; then replaced on purpose.
      await paper.type('1', [[GARDEN, 1]]);
      await paper.region
        .getByText('Sheet 1 is already entered. Check the number on the paper.', { exact: false })
        .waitFor();
      expect(await paper.sheetField.inputValue()).toBe('1');
      expect(await paper.dotsField(GARDEN).inputValue()).toBe('1');
      expect(await paper.sheetField.getAttribute('aria-invalid')).toBe('true');
      // "Replace" is offered only while the refused number is the one typed.
      await paper.sheetField.fill('4');
      expect(await paper.button('Replace sheet 1').count()).toBe(0);
      await paper.sheetField.fill('1');
      await paper.button('Replace sheet 1').click();
      await paper.region.getByText('Sheet 1 replaced.', { exact: true }).waitFor();
      expect(await paper.counts()).toEqual({ kiosk: 12, paper: 2 });

      // A sheet that breaks the rules: refused beside the choices, nothing added.
      await paper.type('3', [[YOUTH, 4]]);
      await paper.region
        .getByText(
          `${YOUTH}: this sheet has 4 dots on this idea; the session allows at most 3 on one idea.`,
          {
            exact: true,
          },
        )
        .waitFor();
      expect(await paper.sheetField.inputValue()).toBe('3');
      expect(await paper.counts()).toEqual({ kiosk: 12, paper: 2 });

      // A CSV with bad rows: every problem in words, nothing added.
      await paper.chooseCsv('stall.csv', [`sheet,"${YOUTH}",${FAIR},Skate park`, '10,1,1,'].join('\r\n'));
      await paper.importProblems.waitFor();
      expect(await paper.importProblems.textContent()).toContain(
        'Row 1, column “Skate park”: no idea in this session has this number or title.',
      );
      await paper.chooseCsv(
        'stall.csv',
        [`sheet,"${YOUTH}",${FAIR}`, '10,1,1', 'eleven,1,', '12,lots,', '2,1,', '13,3,3'].join('\r\n'),
      );
      await paper.importProblems.getByText('has 4 problems').waitFor();
      const problems = await paper.importProblems.locator('li').allTextContents();
      expect(problems).toEqual([
        'Row 3, column “sheet”: Please use a whole number.',
        `Row 4, column “${YOUTH}”: “lots” is not a number of dots.`,
        'Row 5, column “sheet”: Sheet 2 is already entered.',
        'Row 6: this sheet has 6 dots; the session allows 5 in all.',
      ]);
      expect(await paper.counts()).toEqual({ kiosk: 12, paper: 2 });
      expect(await axeViolations(page)).toEqual([]);
      expect(await smallTargets(page, 44)).toEqual([]);

      // Excel's plain "CSV" on Windows (windows-1252, £ as the byte 0xA3): the problem names the column as typed,
      // not "Skate park �", and the panel says how the file was read.
      await paper.chooseCsv(
        'windows.csv',
        Buffer.concat([
          Buffer.from(`sheet,${FAIR},Skate park `, 'latin1'),
          Buffer.from([0xa3]),
          Buffer.from('\r\n10,1,\r\n'),
        ]),
      );
      await paper.importProblems.getByText('Row 1, column “Skate park £”:', { exact: false }).waitFor();
      await paper.importProblems.getByText(WINDOWS_1252, { exact: true }).waitFor();

      // Excel's "Unicode text" (UTF-16 with a byte-order mark, tabs between cells): read, and the preview says so.
      const unicodeText = [`sheet\t${YOUTH}\t${FAIR}`, '20\t1\t2'].join('\r\n');
      await paper.chooseCsv(
        'stall.txt',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(unicodeText, 'utf16le')]),
      );
      await paper.importStatus
        .getByText('Adds 1 paper ballot (sheet 20) from “stall.txt”.', { exact: true })
        .waitFor();
      await paper.importStatus.getByText(UTF_16, { exact: true }).waitFor();
      await paper.button('Cancel').click();
      expect(await paper.counts()).toEqual({ kiosk: 12, paper: 2 });

      // A good CSV: preview, then added.
      await paper.chooseCsv(
        'stall.csv',
        [`sheet,"${YOUTH}",${FAIR},${GARDEN}`, '10,1,1,1', '11,,2,3', '12,3,,'].join('\r\n'),
      );
      await paper.importStatus
        .getByText('Adds 3 paper ballots (sheets 10–12) from “stall.csv”.', { exact: true })
        .waitFor();
      expect(await paper.counts()).toEqual({ kiosk: 12, paper: 2 });
      await paper.button('Add 3 paper ballots').click();
      await paper.importStatus.getByText('Added 3 paper ballots.', { exact: true }).waitFor();
      expect(await paper.counts()).toEqual({ kiosk: 12, paper: 5 });
      expect(await dashboard.count('Ballots counted')).toBe(17);
      const rows = await paper.rows();
      expect(rows.map((r) => r.sheet)).toEqual([1, 2, 10, 11, 12]);
      expect(rows[0]).toEqual({ sheet: 1, choices: `${GARDEN}: 1`, counted: 'Yes' });
      expect(rows[4]).toEqual({ sheet: 12, choices: `${YOUTH}: 3`, counted: 'Yes' });
      expect(await axeViolations(page)).toEqual([]);

      // Saved: a reload shows the same.
      await page.reload();
      await new PinScreen(page).unlock(DEMO.pin, DEMO.title);
      await dashboard.waitUntilShown();
      await paper.region.getByRole('heading', { name: 'Type in one sheet' }).waitFor();
      expect(await paper.counts()).toEqual({ kiosk: 12, paper: 5 });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
