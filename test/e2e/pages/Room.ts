/** The room view (gather and hand back with no internet), and a stand-in for the system share sheet. */
import type { BrowserContext, Locator, Page } from 'playwright-core';

export interface SharedFile {
  name: string;
  type: string;
  bytes: number[];
}

/**
 * Replaces the Web Share API in every page of `context`, as Chromium on Android has it: `canShare` accepts only
 * files whose name ends in an extension on Chromium's list with that extension's type
 * (third_party/blink/renderer/modules/webshare/FILE_TYPES.md, a few of its rows); `share` keeps what it was
 * given in `window.sharedFiles` instead of opening a sheet.
 */
export async function stubShareSheet(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const chromiumTypes: Record<string, string> = {
      txt: 'text/plain',
      text: 'text/plain',
      csv: 'text/csv',
      pdf: 'application/pdf',
      png: 'image/png',
      jpg: 'image/jpeg',
    };
    const accepts = (f: File): boolean =>
      chromiumTypes[f.name.split('.').pop()?.toLowerCase() ?? ''] === f.type;
    const w = window as unknown as { sharedFiles: unknown[]; shareCalls: number };
    w.sharedFiles = [];
    w.shareCalls = 0;
    Object.defineProperty(Navigator.prototype, 'canShare', {
      configurable: true,
      value: (data?: ShareData) => !!data?.files && data.files.length > 0 && data.files.every(accepts),
    });
    Object.defineProperty(Navigator.prototype, 'share', {
      configurable: true,
      value: async (data?: ShareData) => {
        w.shareCalls += 1;
        const files = data?.files ?? [];
        if (files.length === 0 || !files.every(accepts))
          throw new DOMException('Permission denied', 'NotAllowedError');
        for (const f of files) {
          w.sharedFiles.push({
            name: f.name,
            type: f.type,
            bytes: [...new Uint8Array(await f.arrayBuffer())],
          });
        }
      },
    });
  });
}

/** Everything the stubbed share sheet was given in this page, and forgets it. */
export async function takeShared(page: Page): Promise<SharedFile[]> {
  return page.evaluate(() => {
    const w = window as unknown as { sharedFiles: SharedFile[] };
    const out = w.sharedFiles;
    w.sharedFiles = [];
    return out;
  });
}

export class Room {
  /** Taps made through this page object (the e2e's count of a facilitator's taps). */
  taps = 0;

  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Gather the room’s ideas', exact: true });
  }

  /** From the dashboard: "Gather the room". */
  async open(): Promise<void> {
    await this.tap(this.page.getByRole('link', { name: 'Gather the room', exact: true }));
    await this.heading.waitFor();
  }

  async tap(target: Locator): Promise<void> {
    await target.click();
    this.taps += 1;
  }

  step(name: '1. Gather' | '2. Hand back'): Locator {
    return this.page.getByRole('group', { name: 'Steps' }).getByRole('button', { name, exact: true });
  }

  async goTo(name: '1. Gather' | '2. Hand back'): Promise<void> {
    if ((await this.step(name).getAttribute('aria-pressed')) !== 'true') await this.tap(this.step(name));
  }

  panel(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** "Send to a nearby device" in the panel called `name`, once the file is ready. */
  async share(panelName: string): Promise<void> {
    const button = this.panel(panelName).getByRole('button', {
      name: 'Send to a nearby device',
      exact: true,
    });
    await button.waitFor();
    await this.tap(button);
    await this.panel(panelName)
      .getByRole('status')
      .filter({ hasText: /^Sent “/ })
      .waitFor();
  }

  /** Chooses files in the receive panel (one tap on "Choose session files", one pick), then "Add to this session". */
  async receive(
    panelName: string,
    files: { name: string; mimeType: string; buffer: Buffer }[],
  ): Promise<string> {
    const panel = this.panel(panelName);
    this.taps += 2;
    await panel.locator('input[type=file]').setInputFiles(files);
    await panel.locator('.files-preview').waitFor();
    await this.tap(panel.getByRole('button', { name: 'Add to this session', exact: true }));
    await panel.locator('.files-import [data-save-state="saved"]').waitFor();
    return ((await panel.locator('.files-import > .files-status').textContent()) ?? '').trim();
  }

  /** Each tablet row's state, by the name shown. */
  async states(): Promise<Record<string, string>> {
    const rows = this.page.locator('table.room-tablets tbody tr');
    const out: Record<string, string> = {};
    for (const row of await rows.all()) {
      out[((await row.locator('th').textContent()) ?? '').trim()] =
        (await row.getAttribute('data-room-state')) ?? '';
    }
    return out;
  }

  async logLines(): Promise<string[]> {
    return (await this.page.locator('.room-log li').allTextContents()).map((s) => s.trim());
  }
}
