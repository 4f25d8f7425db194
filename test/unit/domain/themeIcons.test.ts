/**
 * A theme's picture (Theme.icon): kept through the settings checks, the session form, a settings edit, a merge
 * of two devices and a session file; an id this version does not know (a newer app's) is kept and not drawn;
 * anything that is not an id is dropped; none of it ever refuses settings or a file. Every picture has a drawing
 * and a name in English and Welsh.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkRecord } from '../../../src/doc/recordShapes';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { updateSettings } from '../../../src/doc/sessionCommands';
import { isThemeIcon, keptIcon, THEME_ICONS } from '../../../src/domain/themeIcons';
import type { SessionSettings, SettingsEdit, Theme } from '../../../src/domain/types';
import { validateSettings } from '../../../src/domain/validateSettings';
import { emptyForm, formFromSettings, readForm } from '../../../src/ui/facilitator/formModel';
import { makeTranslator } from '../../../src/ui/i18n';
import { picturesStaff } from '../../../src/ui/i18n/en/picturesStaff';
import cyPicturesStaff from '../../../src/ui/i18n/cy/picturesStaff.json';
import { potShareText } from '../../../src/ui/pictures/PotShare';
import { THEME_ICON_PATHS } from '../../../src/ui/pictures/themeIconPaths';
import { ThemeIconSvg } from '../../../src/ui/pictures/ThemeIconSvg';
import { applyImport, prepareImport } from '../../../src/sync/importSession';
import { encodeSessionFile, readSessionFile } from '../../../src/sync/sessionFile';
import {
  canonicalRecords,
  createdSession,
  exchange,
  replicaOf,
  testContext,
  validSettings,
} from '../helpers/session';

const themes = (list: unknown[]): SessionSettings => validSettings({ themes: list as Theme[] });
const iconsOf = (s: SessionSettings): (string | undefined)[] => s.themes.map((th) => th.icon);

describe('a theme’s picture id', () => {
  it('Given ids, When checked, Then only this version’s pictures can be drawn, and nothing on an object’s prototype counts', () => {
    expect(THEME_ICONS.every(isThemeIcon)).toBe(true);
    for (const id of ['bus-stop', 'constructor', '__proto__', 'toString', '', 7, null, undefined]) {
      expect(isThemeIcon(id)).toBe(false);
    }
  });

  it('Given values from a document or file, When kept, Then a known or newer id is kept as it is and anything else is dropped', () => {
    expect(keptIcon('green')).toBe('green');
    expect(keptIcon('bus-stop')).toBe('bus-stop');
    for (const bad of [
      undefined,
      null,
      3,
      {},
      ['green'],
      '',
      '   ',
      'Green',
      'green space',
      'x'.repeat(33),
      '<svg>',
    ]) {
      expect(keptIcon(bad)).toBeUndefined();
    }
  });
});

describe('theme pictures in the settings', () => {
  it('Given themes with a known picture, a newer app’s picture, rubbish and none, When the settings are checked, Then known and newer ids are kept, the rubbish dropped, and nothing refused', () => {
    const checked = validateSettings(
      themes([
        { id: 't1', name: 'Parks', icon: 'green' },
        { id: 't2', name: 'Buses', icon: 'bus-stop' },
        { id: 't3', name: 'Odd', icon: { id: 'green' } },
        { id: 't4', name: 'Long', icon: 'x'.repeat(5000) },
        { id: 't5', name: 'None' },
      ]),
    );
    expect(iconsOf(checked)).toEqual(['green', 'bus-stop', undefined, undefined, undefined]);
    expect(checked.themes.filter((th) => 'icon' in th).map((th) => th.id)).toEqual(['t1', 't2']);
  });

  it('Given a settings edit whose themes carry pictures of any kind, When its shape is checked (as for a file or the council server), Then the pictures are no reason to refuse it', () => {
    const edit: SettingsEdit = {
      id: 'e1',
      deviceId: 'newer-tablet',
      at: 1,
      values: {
        themes: [
          { id: 't1', name: 'Parks', icon: 'bus-stop' },
          { id: 't2', name: 'Odd', icon: 42 } as unknown as Theme,
        ],
      },
    };
    expect(checkRecord('settings', 'e1', edit)).toEqual([]);
  });

  it('Given an old session without pictures, When it is read and edited, Then it works as before and gets no icon fields', () => {
    const s = createdSession();
    expect(iconsOf(viewSession(s.doc)!.settings)).toEqual([undefined, undefined, undefined]);
    updateSettings(s.doc, { potPence: 4_000_000 }, s.ctx);
    expect(viewSession(s.doc)!.settings.themes.some((th) => 'icon' in th)).toBe(false);
  });

  it('Given two tablets apart, When one gives the themes pictures and the other changes the pot, Then after they exchange both have both changes and hold the same records', () => {
    const a = createdSession();
    const b = replicaOf(a.doc);
    const B = testContext('device-b', { startAt: a.clock.now() + 5_000 });
    const withPictures =
      a.doc && viewSession(a.doc)!.settings.themes.map((th, i) => ({ ...th, icon: THEME_ICONS[i] }));
    updateSettings(a.doc, { themes: withPictures }, a.ctx);
    updateSettings(b, { potPence: 4_500_000 }, B.ctx);
    exchange(a.doc, b);
    for (const doc of [a.doc, b]) {
      const settings = viewSession(doc)!.settings;
      expect(iconsOf(settings)).toEqual(['green', 'play', 'streets']);
      expect(settings.potPence).toBe(4_500_000);
    }
    expect(canonicalRecords(a.doc)).toBe(canonicalRecords(b));
  });

  it('Given a session file from a newer app whose theme has a picture this app does not know, When a tablet adds it, Then it is accepted and the id is kept, not drawn', async () => {
    const newer = new Y.Doc();
    const s = createdSession();
    Y.applyUpdate(newer, Y.encodeStateAsUpdate(s.doc));
    const edit: SettingsEdit = {
      id: 'newer-edit',
      deviceId: 'newer-tablet',
      at: s.clock.now() + 1_000,
      values: { themes: [{ id: 'theme-jobs', name: 'Jobs and skills', icon: 'hard-hat' }] },
    };
    maps(newer).settings.set(edit.id, edit);
    const bytes = await encodeSessionFile(newer, { deviceId: 'newer-tablet', deviceName: 'Newer', now: 0 });
    const file = await readSessionFile(bytes, { fileName: 'newer.codesign' });
    const target = new Y.Doc();
    applyImport(target, prepareImport(null, file));
    const [theme] = viewSession(target)!.settings.themes;
    expect(theme).toEqual({ id: 'theme-jobs', name: 'Jobs and skills', icon: 'hard-hat' });
    expect(ThemeIconSvg({ icon: theme!.icon })).toBeNull();
    // Editing the session here keeps the newer app's choice.
    updateSettings(
      target,
      { potPence: 4_000_000 },
      testContext('device-c', { startAt: edit.at + 1_000 }).ctx,
    );
    expect(iconsOf(viewSession(target)!.settings)).toEqual(['hard-hat']);
  });
});

describe('the session form’s pictures', () => {
  const t = makeTranslator('en');

  it('Given a new session, When the form starts, Then each of its five themes has the picture that fits it', () => {
    expect(emptyForm(t).themes.map((th) => th.icon)).toEqual(['shops', 'youth', 'safety', 'green', 'health']);
  });

  it('Given settings with a known, a newer and no picture, When the form is filled from them and read back, Then each is kept as it was', () => {
    const settings = themes([
      { id: 't1', name: 'Parks', icon: 'green' },
      { id: 't2', name: 'Buses', icon: 'bus-stop' },
      { id: 't3', name: 'Other' },
    ]);
    const form = formFromSettings(t, settings);
    const read = readForm(t, { ...form, pot: '500' }, null);
    expect(read.errors).toEqual({});
    expect(read.settings!.themes).toEqual([
      { id: 't1', name: 'Parks', icon: 'green' },
      { id: 't2', name: 'Buses', icon: 'bus-stop' },
      { id: 't3', name: 'Other' },
    ]);
  });
});

describe('drawing the pictures', () => {
  it('Given every picture, Then it has a drawing (one path from a move) and a name in English and Welsh', () => {
    expect(Object.keys(THEME_ICON_PATHS).sort()).toEqual([...THEME_ICONS].sort());
    for (const id of THEME_ICONS) {
      expect(THEME_ICON_PATHS[id]).toMatch(/^M[\d.]/);
      expect(picturesStaff[`fac.icon.${id}`]).toBeTruthy();
      expect((cyPicturesStaff as Record<string, string>)[`fac.icon.${id}`]).toBeTruthy();
    }
  });

  it('Given an id, When drawn, Then a known picture is an SVG hidden from screen readers and anything else draws nothing', () => {
    const drawn = ThemeIconSvg({ icon: 'green' });
    expect(drawn?.props).toMatchObject({ 'aria-hidden': 'true', 'data-icon': 'green', viewBox: '0 0 24 24' });
    for (const id of ['hard-hat', 'constructor', '__proto__', 42, undefined])
      expect(ThemeIconSvg({ icon: id })).toBeNull();
  });

  it('Given a cost and the pot, When the share is written, Then it is a whole per cent, one decimal under 1%, in the language’s digits', () => {
    expect(potShareText('en-GB', 1_200_000, 5_000_000)).toBe('24%');
    expect(potShareText('en-GB', 20_000, 5_000_000)).toBe('0.4%');
    expect(potShareText('en-GB', 0, 5_000_000)).toBe('0%');
    expect(potShareText('en-GB', 7_000_000, 5_000_000)).toBe('140%');
    expect(potShareText('pl-PL', 1_200_000, 5_000_000)).toBe(
      new Intl.NumberFormat('pl-PL', { style: 'percent' }).format(0.24),
    );
  });
});
