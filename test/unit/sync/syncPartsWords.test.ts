/**
 * The sync state in words while a session bigger than one message goes to the server in parts (issue 12 §1):
 * the screen says which part is on its way, in English and in Welsh (staff languages).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '../../../src/ui/facilitator/sync/messages';
import { statusInWords } from '../../../src/ui/facilitator/sync/words';
import { loadLanguage, makeTranslator, PART } from '../../../src/ui/i18n';
import { initialStatus, type SyncStatus } from '../../../src/sync/syncStates';

beforeAll(async () => {
  await loadLanguage('cy', PART.staff);
});

const syncing = (patch: Partial<SyncStatus>): SyncStatus => ({
  ...initialStatus(null),
  state: 'syncing',
  progress: 0.775,
  ...patch,
});

describe('sync progress in words', () => {
  it('Given 3 of 12 parts acknowledged, When the state is shown, Then it names the fourth part as the one being sent', () => {
    const status = syncing({ parts: { sent: 3, count: 12 } });
    expect(statusInWords(makeTranslator('en'), status)).toBe('Syncing… 78%: sending part 4 of 12');
    expect(statusInWords(makeTranslator('cy'), status)).toBe('Yn cysoni… 78%: yn anfon rhan 4 o 12');
  });

  it('Given changes that fit in one message, When the state is shown, Then it gives the percentage only', () => {
    expect(statusInWords(makeTranslator('en'), syncing({ parts: null }))).toBe('Syncing… 78%');
  });

  it('Given every part sent and the last awaiting its acknowledgement, Then it never names a part past the last', () => {
    expect(statusInWords(makeTranslator('en'), syncing({ parts: { sent: 12, count: 12 } }))).toBe(
      'Syncing… 78%: sending part 12 of 12',
    );
  });
});
