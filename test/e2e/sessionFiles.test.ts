/**
 * Session files between two tablets with no network: tablet A's demo is saved to a file and imported on tablet
 * B's home screen (a new session), each tablet adds an idea, and B's file is added to A's dashboard twice: the
 * second time adds nothing, and each idea shows once. Damaged files and another session's file are refused with
 * a clear message and change nothing; a good file chosen together with a damaged one is still added, and the
 * screen names both. axe-core finds nothing to fix with a preview or an error on screen.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { smallTargets } from './support/targets';
import {
  addIdeaInKiosk,
  DEMO_TITLE,
  FilesDashboard,
  FilesSection,
  filesTablet,
  goHome,
  openDemo,
  sessionIdOf,
  unlock,
  type FilesTablet,
} from './pages/files';
import { validSession } from './pages/SessionForm';
import { useBrowserAndApp } from './support/setup';
import { openNewSessionDashboard } from './support/tablet';

const IDEAS = 'Ideas shown to residents';
const IDEA_A = 'Bike repair workshop on Saturdays';
const IDEA_B = 'Homework club at the library';

const app = useBrowserAndApp();
let dir: string;
const tablets: FilesTablet[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'codesign-files-'));
});

afterAll(async () => {
  for (const t of tablets) await t.context.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What a dashboard's axe run found, on the page as it is now. */
async function expectNoViolations(t: FilesTablet): Promise<void> {
  expect(await axeViolations(t.page)).toEqual([]);
  expect(await smallTargets(t.page, 44)).toEqual([]);
}

describe('session files', () => {
  it('Given two tablets with no network, when files go back and forth, then every idea arrives once and bad files change nothing', async () => {
    const a = await filesTablet(app.browser);
    const b = await filesTablet(app.browser);
    tablets.push(a, b);

    // Given: the demo on tablet A, saved to a file.
    const sessionId = await openDemo(a.page, app.url);
    const filesA = new FilesDashboard(a.page);
    const ideasAtStart = await filesA.count(IDEAS);
    const fileA = join(dir, 'from-a.codesign');
    const downloadA = await filesA.saveFile(fileA);
    expect(downloadA.suggestedFilename()).toMatch(
      /^northmoor-\d{4}-\d{2}-\d{2}-\d{4}-tablet-[0-9a-f]{4}\.codesign$/,
    );
    await expect
      .poll(() => filesA.region.locator('.files-saved').textContent())
      .toMatch(new RegExp(`^Saved “${downloadA.suggestedFilename()}” with ${ideasAtStart} ideas, `));
    expect(readFileSync(fileA).subarray(0, 33).toString()).toBe('neighbourhood-codesign-session 1\n');

    // When: tablet B imports it from its home screen, a new session appears and opens at its PIN screen.
    await goHome(b.page, app.url);
    const homeB = new FilesSection(b.page, 'Import a session file');
    await homeB.choose(fileA);
    const [newSession] = await homeB.preview();
    expect(newSession).toMatch(
      new RegExp(
        `^A new session: “${DEMO_TITLE.replace(/[?]/g, '\\?')}”, with ${ideasAtStart} ideas, \\d+ comments, `,
      ),
    );
    await expectNoViolations(b);
    await homeB.button('Add this session to the tablet').click();
    await b.page.getByRole('heading', { level: 1, name: 'Unlock facilitator mode' }).waitFor();
    expect(sessionIdOf(b.page.url())).toBe(sessionId);
    await unlock(b.page);
    const filesB = new FilesDashboard(b.page);
    expect(await filesB.count(IDEAS)).toBe(ideasAtStart);

    // Each tablet adds an idea in kiosk mode.
    await addIdeaInKiosk(a.page, IDEA_A);
    await addIdeaInKiosk(b.page, IDEA_B);
    expect(await filesA.count(IDEAS)).toBe(ideasAtStart + 1);

    // B's file, added on A's dashboard: the preview says what it adds, and nothing changes before "Add".
    const fileB = join(dir, 'from-b.codesign');
    await filesB.saveFile(fileB);
    await filesA.choose(fileB);
    const [adds] = await filesA.preview();
    expect(adds).toMatch(/^Adds 1 idea and 1 resident from Tablet [0-9a-f]{4}\.$/);
    expect(await filesA.count(IDEAS)).toBe(ideasAtStart + 1);
    await expectNoViolations(a);
    const added = await filesA.add();
    expect(added).toMatch(/^Added 1 idea and 1 resident from Tablet [0-9a-f]{4}\.$/);
    expect(await filesA.count(IDEAS)).toBe(ideasAtStart + 2);

    // The same file again: nothing new, and nothing to add.
    await filesA.choose(fileB);
    expect(await filesA.preview()).toEqual(['Nothing new: this tablet already has everything in this file.']);
    expect(await filesA.button('Add to this session').count()).toBe(0);
    await filesA.button('Close').click();
    expect(await filesA.count(IDEAS)).toBe(ideasAtStart + 2);
    for (const title of [IDEA_A, IDEA_B]) {
      expect(await a.page.getByRole('article', { name: title, exact: true }).count()).toBe(1);
    }

    // A copy that stopped part way is refused, naming the file; nothing changes.
    const bytesB = readFileSync(fileB);
    const cut = join(dir, 'cut-short.codesign');
    writeFileSync(cut, bytesB.subarray(0, bytesB.length - 200));
    await filesA.choose(cut);
    expect(await filesA.error()).toBe(
      '“cut-short.codesign” is incomplete: the copy stopped part way. Copy the file again from the tablet it came from, then try again. Nothing has been changed.',
    );
    expect(await filesA.status.textContent()).toBe('');
    expect(await filesA.count(IDEAS)).toBe(ideasAtStart + 2);
    await expectNoViolations(a);

    // Several files at once with one of them cut short: that one is refused, naming it; the good one is still
    // read (here it brings nothing new) and the screen says both.
    const cutToo = join(dir, 'cut-too.codesign');
    writeFileSync(cutToo, bytesB.subarray(0, bytesB.length - 50));
    await filesA.choose(fileB, cutToo);
    expect(await filesA.preview()).toEqual(['Nothing new: this tablet already has everything in this file.']);
    expect(await filesA.alert.locator('p').allTextContents()).toEqual([
      '1 of the files you chose was refused and will not be added. The others can be added below.',
      expect.stringMatching(/^“cut-too\.codesign” is incomplete: /),
    ]);
    expect(await filesA.status.locator('.files-preview__sources li').allTextContents()).toEqual([
      expect.stringMatching(/^“from-b\.codesign” from Tablet [0-9a-f]{4}, saved /),
    ]);
    await filesA.button('Close').click();

    // A file named like a session file that is not one: what is wrong with it, not what its name should be.
    const notOne = join(dir, 'notes.codesign');
    writeFileSync(notOne, 'Shopping list\nmilk\n');
    await filesA.choose(notOne);
    await expect
      .poll(() => filesA.alert.textContent())
      .toBe(
        '“notes.codesign” is not a session file from this app, or it is damaged: it does not begin the way every session file does, so it may be another kind of file given a .codesign name. Save a new session file on the tablet it came from, then try again. Nothing has been changed.',
      );
    expect(await filesA.status.textContent()).toBe('');

    // Not a session file at all, and a file over the size limit (refused from its size, before it is read).
    const photo = join(dir, 'photo.jpg');
    writeFileSync(photo, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]));
    await filesA.choose(photo);
    await expect
      .poll(() => filesA.alert.textContent())
      .toBe(
        '“photo.jpg” is not a session file from this app. Session files end in .codesign. Nothing has been changed.',
      );
    const huge = join(dir, 'huge.codesign');
    writeFileSync(huge, Buffer.alloc(17 * 1024 * 1024, 0x20));
    await filesA.choose(huge);
    await expect
      .poll(() => filesA.alert.textContent())
      .toBe(
        '“huge.codesign” is too large to be a session file (17 megabytes; the most this tablet accepts is 16 megabytes). Nothing has been changed.',
      );
    expect(await filesA.count(IDEAS)).toBe(ideasAtStart + 2);

    // One changed byte: the checksum catches it (dropped on the drop zone this time).
    const changed = Uint8Array.from(bytesB);
    changed[changed.length - 10] = changed[changed.length - 10]! ^ 0xff;
    await filesA.drop('changed.codesign', changed);
    await expect
      .poll(() => filesA.alert.textContent())
      .toBe(
        '“changed.codesign” has been changed since it was saved, so it cannot be trusted. Save a new session file on the tablet it came from. Nothing has been changed.',
      );

    // B was given the demo in a file: "Open the demo session" there opens that demo, not a second one beside it.
    await goHome(b.page, app.url);
    await b.page.getByRole('button', { name: 'Open the demo session' }).click();
    await b.page.getByRole('heading', { level: 1, name: 'Unlock facilitator mode' }).waitFor();
    expect(sessionIdOf(b.page.url())).toBe(sessionId);

    // Another session's file on this dashboard: said plainly, nothing changes.
    const other = validSession('Westfield: what should the pot pay for?');
    const { sessionId: otherId } = await openNewSessionDashboard(b.page, app.url, other);
    expect(otherId).not.toBe(sessionId);
    const otherFile = join(dir, 'other-session.codesign');
    await filesB.saveFile(otherFile);
    await filesA.choose(otherFile);
    await expect
      .poll(() => filesA.alert.textContent())
      .toBe(
        `“other-session.codesign” is for another session, “${other.title}”, not this one. Nothing has been changed. To add that session to this tablet, import the file from the home screen.`,
      );
    expect(await filesA.count(IDEAS)).toBe(ideasAtStart + 2);
    // Chosen together with a file of this session: only the other session's file is refused, the good one is
    // still read and previewed (a walk: both were refused, and the message named only the wrong one).
    await filesA.choose(otherFile, fileB);
    expect(await filesA.preview()).toEqual(['Nothing new: this tablet already has everything in this file.']);
    expect(await filesA.alert.locator('p').allTextContents()).toEqual([
      '1 of the files you chose was refused and will not be added. The others can be added below.',
      `“other-session.codesign” is for another session, “${other.title}”, not this one. Nothing has been changed. To add that session to this tablet, import the file from the home screen.`,
    ]);
    await filesA.button('Close').click();

    // On B's home screen, A's newer file goes into the session B already has: the same preview, no new session.
    // It is chosen together with a damaged file: the good one is added, the damaged one refused, both said.
    const fileA2 = join(dir, 'from-a-again.codesign');
    await filesA.saveFile(fileA2);
    await goHome(b.page, app.url);
    await homeB.choose(fileA2, cutToo);
    expect(await homeB.preview()).toEqual([
      expect.stringMatching(/^Adds 1 idea and 1 resident from Tablet [0-9a-f]{4}\.$/),
    ]);
    expect(await homeB.alert.locator('p').allTextContents()).toEqual([
      '1 of the files you chose was refused and will not be added. The others can be added below.',
      expect.stringMatching(/^“cut-too\.codesign” is incomplete: /),
    ]);
    expect(await homeB.status.textContent()).toContain(`For the session “${DEMO_TITLE}” on this tablet.`);
    await homeB.button('Add to this session').click();
    await homeB.region.locator('[data-save-state="saved"]').waitFor();
    expect(await homeB.status.textContent()).toMatch(
      /^Added 1 idea and 1 resident from Tablet [0-9a-f]{4}\.$/,
    );
    // Once added, the screen says which file went in and which did not.
    expect(await homeB.alert.locator('p').allTextContents()).toEqual([
      'Added what “from-a-again.codesign” brought. Not added: “cut-too.codesign”, for the reason below.',
      expect.stringMatching(/^“cut-too\.codesign” is incomplete: /),
    ]);
    expect(b.page.url()).toBe(app.url);
    await b.page
      .getByRole('link', {
        name: new RegExp(`^${DEMO_TITLE.replace(/[?]/g, '\\?')}.*${ideasAtStart + 2} ideas`),
      })
      .waitFor();

    // After a reload, A still has both ideas once: the import was stored.
    await a.page.reload();
    await unlock(a.page);
    expect(await filesA.count(IDEAS)).toBe(ideasAtStart + 2);

    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  }, 240_000);
});
