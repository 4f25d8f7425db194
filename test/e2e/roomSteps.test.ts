/**
 * Review of issue 13: the room's two steps, "1. Gather" and "2. Hand back", each start clean. What one step's
 * panels said (a file sent, a camera opened) must not show up under the other step's headings, where it would
 * say that the room's ideas were handed back when only this tablet's own were sent. The share sheet is stubbed
 * as Chromium's (./pages/Room.ts).
 */
import { describe, expect, it } from 'vitest';
import { roomTests } from './support/room';

const { inRoom } = roomTests();

describe('the room’s steps', () => {
  it('Given this tablet sent its ideas in "1. Gather" and opened the camera, when the facilitator goes to "2. Hand back", then that step says nothing was sent and no camera is open', async () => {
    await inRoom({ shareSheet: true }, async (t, room) => {
      await room.share('Send this tablet’s ideas');
      await room
        .panel('Receive a tablet’s ideas')
        .getByRole('button', { name: 'Receive by camera', exact: true })
        .click();
      await room
        .panel('Receive a tablet’s ideas')
        .getByRole('region', { name: 'Receive by camera', exact: true })
        .waitFor();

      await room.goTo('2. Hand back');
      const send = room.panel('Send the room’s ideas');
      await send.getByRole('button', { name: 'Send to a nearby device', exact: true }).waitFor();
      expect((await send.getByRole('status').textContent())?.trim()).toBe('');
      const receive = room.panel('Receive the room’s ideas');
      expect(await receive.getByRole('region', { name: 'Receive by camera', exact: true }).count()).toBe(0);
      expect(
        await receive
          .getByRole('button', { name: 'Receive by camera', exact: true })
          .getAttribute('aria-expanded'),
      ).toBe('false');
      expect(t.errors).toEqual([]);
    });
  }, 120_000);

  it('Given a session with no other tablet known yet, when the facilitator goes to "2. Hand back", then it says no tablet is known, not that every tablet has been sent the room’s ideas', async () => {
    await inRoom({}, async (t, room) => {
      await room.goTo('2. Hand back');
      const progress = t.page.locator('[data-room-step="handBack"] .room-progress');
      // The progress is worked out from the room's log, read after the step is drawn: polled, not read once.
      await expect
        .poll(async () => (await progress.textContent())?.trim())
        .toBe('No other tablet of this session is known here yet. Receive a tablet’s file to start.');
      expect(t.errors).toEqual([]);
    });
  }, 120_000);

  it('Given the facilitator saves the room’s file (a download, nobody picked), then the room’s log says it was saved on this device, not sent to devices picked there', async () => {
    await inRoom({}, async (t, room) => {
      const panel = room.panel('Send this tablet’s ideas');
      const save = panel.getByRole('button', { name: 'Save the file', exact: true });
      await expect.poll(() => save.getAttribute('aria-disabled')).toBeNull();
      const [download] = await Promise.all([t.page.waitForEvent('download'), save.click()]);
      expect(download.suggestedFilename()).toMatch(/\.codesign$/);
      await expect
        .poll(() => room.logLines())
        .toEqual([
          expect.stringMatching(
            /^\d{2}:\d{2}: saved the file on this device \(.+\), for the tablets you give it to\.$/,
          ),
        ]);
      expect(t.errors).toEqual([]);
    });
  }, 120_000);
});
