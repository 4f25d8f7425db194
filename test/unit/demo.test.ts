import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedDemo } from '../../src/demo/northmoor';
import { viewSession } from '../../src/doc/session';
import { hashPin, verifyPin } from '../../src/domain/pin';
import { poolableTotal } from '../../src/domain/validate';

describe('the demo session', () => {
  it('Given a newcomer opens the demo, Then it is a realistic, valid workshop', async () => {
    const doc = new Y.Doc();
    let n = 0;
    const ctx = { deviceId: 'demo-device', now: () => 1_700_000_000_000 + n, newId: () => `id-${n++}` };
    seedDemo(doc, 'demo-session', await hashPin('1234', 1000), ctx);
    const view = viewSession(doc)!;

    expect(view.settings.fundingStreams.length).toBeGreaterThanOrEqual(6);
    expect(view.settings.fundingStreams.length).toBeLessThanOrEqual(10);
    expect(new Set(view.settings.fundingStreams.map((s) => s.publicBody)).size).toBeGreaterThanOrEqual(3);
    expect(view.settings.potPence).toBeLessThanOrEqual(poolableTotal(view.settings.fundingStreams));
    expect(view.visible.length).toBeGreaterThanOrEqual(20);
    expect(view.records.comments.length).toBeGreaterThanOrEqual(20);
    expect(view.count.excluded).toEqual([]);
    expect(view.count.counted.length).toBeGreaterThan(0);
    expect(await verifyPin('1234', view.settings.pin)).toBe(true);
  });
});
