/**
 * A refused change in words, by the device's role (found in a walk: a session made on an officer device could
 * never sync, and the screen said only "did not accept a change… Ask your council admin").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '../../../src/ui/facilitator/sync/messages';
import { statusInWords } from '../../../src/ui/facilitator/sync/words';
import { loadLanguage, makeTranslator, PART } from '../../../src/ui/i18n';
import { initialStatus, type SyncStatus } from '../../../src/sync/syncStates';

beforeAll(async () => {
  await loadLanguage('cy', PART.staff);
});

const refused: SyncStatus = { ...initialStatus(null), state: 'failed', failure: 'rejected' };

describe('a refused change in words', () => {
  it('Given an officer device whose change was refused, Then it says what an officer device sends and where to make sessions, in English and Welsh', () => {
    const en = statusInWords(makeTranslator('en'), refused, 'officer');
    expect(en).toMatch(/officer device/);
    expect(en).toMatch(/facilitator’s tablet/);
    expect(en).toMatch(/Nothing is lost/);
    // Not only work made on it: after the council restores a backup, work the device received from the council
    // before is refused too (an update walk): it says what to do then.
    expect(en).toMatch(/restored a backup, sync the facilitators’ tablets that hold them/);
    const cy = statusInWords(makeTranslator('cy'), refused, 'officer');
    expect(cy).toMatch(/ddyfais swyddog/);
    expect(cy).toMatch(/adfer copi wrth gefn/);
    expect(cy).not.toBe(en);
  });

  it('Given a facilitator device, or no role, Then the refusal is said as before', () => {
    const t = makeTranslator('en');
    const before = t('sync.failed.rejected');
    expect(statusInWords(t, refused, 'facilitator')).toBe(before);
    expect(statusInWords(t, refused)).toBe(before);
    expect(before).toMatch(/did not accept a change from this tablet/);
  });

  it('Given a tablet online where the council server does not answer (a hall’s wifi with no internet), Then it is not called a failure, and it says nothing is lost (a walk saw "Sync failed")', () => {
    const unreachable: SyncStatus = { ...initialStatus(null), state: 'failed', failure: 'offline' };
    for (const code of ['en', 'cy']) {
      const words = statusInWords(makeTranslator(code), unreachable, 'facilitator');
      expect(words, code).not.toMatch(/failed|Methodd/);
    }
    expect(statusInWords(makeTranslator('en'), unreachable, 'facilitator')).toMatch(
      /Everything is kept on this tablet/,
    );
  });
});
