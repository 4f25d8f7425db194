// The officer's council keys (src/ui/officer/councilKeys.ts): loaded from the key file, held in memory only.
import { afterEach, describe, expect, it } from 'vitest';
import { generateCouncilKey } from '../../../src/domain/answersCrypto';
import {
  councilKeyIds,
  councilKeyring,
  forgetCouncilKeys,
  loadCouncilKey,
} from '../../../src/ui/officer/councilKeys';

afterEach(() => forgetCouncilKeys());

describe('the officer’s council keys', () => {
  it('Given two key files (a rotation), when both are loaded, then both key ids are held, non-extractable, until forgotten', async () => {
    const old = await generateCouncilKey('2025-01-01T00:00:00Z');
    const current = await generateCouncilKey('2026-12-06T08:00:00Z');
    expect(await loadCouncilKey(old.privateFile)).toEqual({ ok: true, kid: old.kid });
    expect(await loadCouncilKey(current.privateFile)).toEqual({ ok: true, kid: current.kid });
    expect(councilKeyIds().sort()).toEqual([old.kid, current.kid].sort());
    for (const key of councilKeyring().values()) expect(key.extractable).toBe(false);
    forgetCouncilKeys();
    expect(councilKeyIds()).toEqual([]);
  });

  it('Given the public key or a damaged file instead of the private key file, when loaded, then it says which and holds nothing', async () => {
    const made = await generateCouncilKey('2026-12-06T08:00:00Z');
    expect(await loadCouncilKey(made.publicText)).toEqual({ ok: false, problem: 'notAKeyFile' });
    const file = JSON.parse(made.privateFile) as Record<string, unknown>;
    const damaged = JSON.stringify({ ...file, kid: 'AAAAAAAAAAAA' });
    expect(await loadCouncilKey(damaged)).toEqual({ ok: false, problem: 'keyIdMismatch' });
    expect(councilKeyIds()).toEqual([]);
  });
});
