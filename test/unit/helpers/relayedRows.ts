/**
 * The archive shape that Yjs 13.6 can leave pending for good when its rows are applied one by one (found by
 * archiveMerge.test.ts's property, seed 1298950784): three tablets change one key in turn, and a laptop relays
 * tablet 3's overwrite of tablet 2's first value together with a later change of tablet 2's, stored before tablet
 * 2's own second change that it builds on. Used by the tests of everything that reads archive rows: a load
 * (loadRows.test.ts), a rollback after compaction (rollbackCompacted.test.ts), the export CLI (exportCompacted).
 */
import * as Y from 'yjs';

export interface RelayedRows {
  /** In the order stored: tablet 2, the laptop, tablet 2 again, tablet 1. */
  rows: { device: string; update: Uint8Array }[];
}

/**
 * `key` is the key the three tablets take turns on, `later` the one tablet 2 and then tablet 1 write after;
 * `value(label)` is what each write stores (labels: 't2-first', 't3', 't2-last', 't2-later', 't1'). `base` is a
 * state every tablet starts from (the session as created), when given.
 */
export function relayedRows(options: {
  map: string;
  key: string;
  later: string;
  value: (label: string) => unknown;
  base?: Uint8Array;
}): RelayedRows {
  const [t1, t2, t3] = [100, 101, 102].map((id) => {
    const d = new Y.Doc();
    d.clientID = id;
    if (options.base) Y.applyUpdate(d, options.base);
    return d;
  }) as [Y.Doc, Y.Doc, Y.Doc];
  const write = (d: Y.Doc, key: string, label: string, ...to: Y.Doc[]): Uint8Array => {
    const before = Y.encodeStateVector(d);
    d.getMap(options.map).set(key, options.value(label));
    const u = Y.encodeStateAsUpdate(d, before);
    for (const other of to) Y.applyUpdate(other, u);
    return u;
  };
  const first = write(t2, options.key, 't2-first', t1, t3);
  const overwrite = write(t3, options.key, 't3', t1, t2);
  const again = write(t2, options.key, 't2-last', t1);
  const later = write(t2, options.later, 't2-later', t1);
  const other = write(t1, options.later, 't1');
  return {
    rows: [
      { device: 'tablet-2', update: first },
      { device: 'laptop', update: Y.mergeUpdates([overwrite, later]) },
      { device: 'tablet-2', update: again },
      { device: 'tablet-1', update: other },
    ],
  };
}
