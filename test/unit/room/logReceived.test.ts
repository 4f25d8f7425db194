/**
 * The room log's counts for several session files added in one pick (src/ui/facilitator/room/logReceived.ts):
 * each file's row says what it added, as a single file's does, counted in the order the files were added.
 */
import { describe, expect, it } from 'vitest';
import { recordsAddedPerFile } from '../../../src/ui/facilitator/room/logReceived';
import { applyImport, prepareImport } from '../../../src/sync/sessionFile';
import { parsedFrom, tabletsApart } from '../sync/workshop';

function recordsIn(adds: Record<string, number>): number {
  return Object.values(adds).reduce((sum, n) => sum + n, 0);
}

describe('what each file of one pick added', () => {
  it('Given tablet 1 gathers tablets 2 and 3 in one pick, Then each file gets its own count, the two make the pick’s, and tablet 1 is not changed by counting (a walk: no “N new records” for several files)', async () => {
    const [one, two, three] = tabletsApart(3, 2);
    const files = [await parsedFrom(two!), await parsedFrom(three!)];
    const alone = [prepareImport(one!.doc, [files[0]!]), prepareImport(one!.doc, [files[1]!])];
    const pick = prepareImport(one!.doc, files);

    const perFile = recordsAddedPerFile(one!.doc, files);

    expect(perFile).toEqual(alone.map((p) => recordsIn(p.adds)));
    expect(perFile!.every((n) => n > 0)).toBe(true);
    expect(perFile!.reduce((a, b) => a + b, 0)).toBe(recordsIn(pick.adds));
    // Counting changed nothing on tablet 1: the pick still adds the same.
    expect(recordsIn(prepareImport(one!.doc, files).adds)).toBe(recordsIn(pick.adds));
  });

  it('Given the same file twice in one pick, Then the second adds nothing', async () => {
    const [one, two] = tabletsApart(2, 2);
    const file = await parsedFrom(two!);
    const perFile = recordsAddedPerFile(one!.doc, [file, { ...file, fileName: 'copy.codesign' }]);
    expect(perFile?.[0]).toBeGreaterThan(0);
    expect(perFile?.[1]).toBe(0);
    applyImport(one!.doc, prepareImport(one!.doc, [file]));
    expect(recordsAddedPerFile(one!.doc, [file])).toEqual([0]);
  });
});
