// The council key in the session form and the session's settings (issue 12 §8): pasted once by the facilitator.
import { describe, expect, it } from 'vitest';
import { checkCouncilKey, generateCouncilKey } from '../../../src/domain/answersCrypto';
import { ValidationError } from '../../../src/domain/errors';
import { validateSettings } from '../../../src/domain/validateSettings';
import { formFromSettings, readForm } from '../../../src/ui/facilitator/formModel';
import '../../../src/ui/facilitator/messages';
import { makeTranslator } from '../../../src/ui/i18n';
import { validSettings } from '../helpers/session';

describe('the council key in the session form', () => {
  const t = makeTranslator('en');

  it('Given a key pasted over two lines, when the form is read, then the settings carry it without the line break', async () => {
    const made = await generateCouncilKey('2026-12-06T08:00:00Z');
    const form = formFromSettings(t, validSettings());
    expect(form.councilKey).toBe('');
    const pasted = `${made.publicText.slice(0, 50)}\n${made.publicText.slice(50)}\n`;
    const read = readForm(t, { ...form, councilKey: pasted }, null);
    expect(read.errors).toEqual({});
    expect(read.settings?.councilKey).toBe(made.publicText);
    await expect(checkCouncilKey(read.settings?.councilKey)).resolves.toBeUndefined();
    expect(validateSettings({ ...validSettings(), councilKey: pasted }).councilKey).toBe(made.publicText);
  });

  it('Given text that is not a council key, when the form is read, then the field says so in words', () => {
    const form = formFromSettings(t, validSettings());
    const read = readForm(t, { ...form, councilKey: '-----BEGIN PUBLIC KEY-----' }, null);
    expect(read.settings).toBeNull();
    expect(read.errors.councilKey).toContain('not the council key');
    expect(() => validateSettings({ ...validSettings(), councilKey: 'nonsense' })).toThrow(ValidationError);
  });

  it('Given a key whose key id was mistyped, when the form is saved, then it is refused before any tablet tries to seal with it', async () => {
    const made = await generateCouncilKey('2026-12-06T08:00:00Z');
    const [prefix, kid, raw] = made.publicText.split('.');
    const typo = `${prefix}.${kid?.startsWith('A') ? 'B' : 'A'}${kid?.slice(1)}.${raw}`;
    const read = readForm(t, { ...formFromSettings(t, validSettings()), councilKey: typo }, null);
    expect(read.errors).toEqual({});
    await expect(checkCouncilKey(read.settings?.councilKey)).rejects.toMatchObject({
      code: 'notACouncilKey',
    });
  });

  it('Given no key, when the form is read, then the settings say none and older settings without the field still validate', () => {
    const read = readForm(t, formFromSettings(t, validSettings()), null);
    expect(read.settings?.councilKey).toBe('');
    expect(validateSettings(validSettings())).not.toHaveProperty('councilKey');
  });
});
