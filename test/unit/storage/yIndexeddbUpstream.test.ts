/**
 * Why src/storage/indexedDbDocStore.ts mends y-indexeddb: this is the failing case, run in a child process
 * because plain y-indexeddb leaves an unhandled rejection behind. If an upstream release fixes it, this test
 * fails and tells us the mend may no longer be needed.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('plain y-indexeddb and a refused write', () => {
  it('Given IndexedDB aborts one write, When the doc is reopened, Then that write and every later one are gone, and the app was never told', () => {
    const script = resolve(import.meta.dirname, 'fixtures/plainYIndexeddbQuota.ts');
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').pop()!) as {
      inMemoryBefore: string[];
      afterReopen: string[];
      eventsSeenByApp: string[];
      unhandledRejections: string[];
    };
    expect(result.inMemoryBefore).toEqual(['p1', 'p2']);
    expect(result.afterReopen).toEqual([]);
    expect(result.eventsSeenByApp).toEqual([]);
    expect(result.unhandledRejections.length).toBeGreaterThan(0);
  });
});
