import { describe, expect, it } from 'vitest';
import { addMessages, loadLanguage, makeTranslator } from '../../../src/ui/i18n';
import { enShell } from '../../../src/ui/i18n/en';
import { kioskEarlier } from '../../../src/ui/i18n/en/kioskEarlier';
import { kioskLater } from '../../../src/ui/i18n/en/kioskLater';
import { PROMPT_IDS, PROMPTS, promptForTitle, promptText, sameWords } from '../../../src/ui/speech/prompts';

addMessages('en', kioskEarlier);
addMessages('en', kioskLater);
const english = { ...enShell, ...kioskEarlier, ...kioskLater };

describe('the kiosk screens’ fixed prompts', () => {
  it('Given every prompt, Then its ids are unique and every message it reads is a resident message without the session’s figures', () => {
    expect(PROMPT_IDS.size).toBe(PROMPTS.length);
    for (const prompt of PROMPTS) {
      for (const key of prompt.keys) {
        const message = english[key as keyof typeof english];
        if (typeof message !== 'string') throw new Error(`${key} is a plural message, not a fixed text`);
        expect(message, key).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('Given a screen’s heading in Welsh, Then its prompt is found and its words are the Welsh catalogue’s, one line per message', async () => {
    await loadLanguage('cy');
    const t = makeTranslator('cy');
    const consent = promptForTitle(t, t('kiosk.consent.title'));
    expect(consent?.id).toBe('consent');
    expect(promptText(t, consent!)).toBe(`${t('kiosk.consent.title')}\n${t('kiosk.consent.lead')}`);
    expect(promptForTitle(t, 'A youth club')).toBeUndefined();
  });

  it('Given the same words with other spacing, Then they read the same; other words do not', () => {
    expect(sameWords('Before you start\nPlease read this.', ' Before you start  Please read this. ')).toBe(
      true,
    );
    expect(sameWords('Before you start', 'Before you begin')).toBe(false);
  });
});
