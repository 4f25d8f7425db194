/**
 * Review of issue 13: the room's log of transfers is this device's convenience (src/storage/roomLog.ts). When it
 * cannot be written (storage full), a file the share sheet did send must still be reported as sent, and nothing
 * may fail unseen. The share sheet is stubbed as Chromium's (./pages/Room.ts); the room log's database refuses
 * every write with QuotaExceededError once the test says so, the session's own database is untouched.
 */
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { takeShared } from './pages/Room';
import { roomTests } from './support/room';

const { inRoom } = roomTests();

describe('the room when its log cannot be written', () => {
  it('Given a full disk for the room log, when "Send to a nearby device" sends the file, then the room says it was sent and no error goes unseen', async () => {
    // The room log's database refuses writes once the test sets `roomLogFull`.
    const roomLogFails = (context: BrowserContext): Promise<unknown> =>
      context.addInitScript(() => {
        const w = window as unknown as { roomLogFull: boolean };
        w.roomLogFull = false;
        for (const method of ['add', 'put'] as const) {
          const original = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, method)!.value as (
            ...a: unknown[]
          ) => IDBRequest;
          Object.defineProperty(IDBObjectStore.prototype, method, {
            configurable: true,
            writable: true,
            value: function (this: IDBObjectStore, ...args: unknown[]) {
              if (w.roomLogFull && this.transaction.db.name === 'codesign-room') {
                throw new DOMException('The disk is full', 'QuotaExceededError');
              }
              return original.apply(this, args);
            },
          });
        }
      });
    await inRoom({ shareSheet: true, prepare: roomLogFails }, async (t, room) => {
      await t.page.evaluate(() => {
        (window as unknown as { roomLogFull: boolean }).roomLogFull = true;
      });

      const panel = room.panel('Send this tablet’s ideas');
      const button = panel.getByRole('button', { name: 'Send to a nearby device', exact: true });
      await button.waitFor();
      await expect.poll(() => button.textContent(), { timeout: 30_000 }).toBe('Send to a nearby device');
      await button.click();

      const shareCalls = (): Promise<number> =>
        t.page.evaluate(() => (window as unknown as { shareCalls: number }).shareCalls);
      await expect.poll(shareCalls, { timeout: 30_000 }).toBe(1);
      await expect
        .poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 })
        .toMatch(/^Sent “.+\.codesign\.txt” \(.+\)\. On the other device, add it to this session\.$/);
      expect(await takeShared(t.page)).toHaveLength(1);
      expect(t.errors).toEqual([]);
    });
  }, 120_000);
});
