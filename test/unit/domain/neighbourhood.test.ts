/**
 * One neighbourhood however its name was typed: the server's assignments, the officer's list (its grouping:
 * test/unit/officer/routes.test.ts) and the kiosk's earlier workshops all use src/domain/neighbourhood.ts. "Tŵr Ward" with ŵ as one character (NFC) and as w plus a
 * combining circumflex (NFD, as some keyboards and pasted text give it) look the same and are one neighbourhood.
 */
import { describe, expect, it } from 'vitest';
import { isSameNeighbourhood, neighbourhoodKey, neighbourhoodName } from '../../../src/domain/neighbourhood';
import { isEarlierSession } from '../../../src/domain/statuses';
import { validateSettings } from '../../../src/domain/validateSettings';
import { checkDocShape } from '../../../src/doc/recordShapes';
import { LIMITS } from '../../../src/domain/limits';
import { createdSession, validSettings } from '../helpers/session';

const NFC = 'T\u0175r Ward';
const NFD = 'Tw\u0302r Ward';

describe('neighbourhood names', () => {
  it('Given the same name in NFC and NFD, Then they are one neighbourhood, and other names are not', () => {
    expect(NFC).not.toBe(NFD);
    expect(neighbourhoodKey(NFD)).toBe(neighbourhoodKey(NFC));
    expect(isSameNeighbourhood(` ${NFD.toUpperCase()}  `, NFC)).toBe(true);
    expect(isSameNeighbourhood(NFC, 'Twr Ward')).toBe(false);
    expect(neighbourhoodName(`  ${NFD}\u00a0 `)).toBe(NFC);
  });

  it('Given an earlier workshop saved with the NFD spelling, Then the kiosk counts it as the same neighbourhood', () => {
    const now = { id: 's-2', neighbourhood: NFC, date: '2026-11-24' };
    expect(isEarlierSession({ id: 's-1', neighbourhood: NFD, date: '2026-05-10' }, now)).toBe(true);
  });

  it('Given a session form with the name typed in NFD with extra spaces, When validated, Then it is stored as one NFC spelling', () => {
    const settings = validateSettings(validSettings({ neighbourhood: `  ${NFD}   ` }));
    expect(settings.neighbourhood).toBe(NFC);
  });

  it('Given a name NFC makes longer than the limit (100 × U+0958, pasted from a PDF: each becomes two characters), When validated, Then it is refused as too long, not stored for the council to refuse', () => {
    const name = '\u0958'.repeat(LIMITS.nameLength);
    expect(name.normalize('NFC').length).toBe(2 * LIMITS.nameLength);
    expect(() => validateSettings(validSettings({ neighbourhood: name }))).toThrow(
      expect.objectContaining({ code: 'tooLong', field: 'neighbourhood' }),
    );
    const session = createdSession(validSettings({ neighbourhood: 'Tŵr Ward' }));
    expect(checkDocShape(session.doc)).toEqual([]);
  });
});
