/**
 * Working memory for the Add1 search's floating-point MES runs (mesAdd1.ts, `traceMes`), which makes thousands
 * of them per count (Budapest 2024: 2,541 runs of about 76 evaluations each): what no trace keeps is allocated
 * once per election and reused by every run, and the candidates are kept in order with a sort suited to lists
 * that are nearly in order already.
 */

/**
 * One run's working arrays, reused by the next run on the same election: runs are synchronous and never nest,
 * each run sets every entry it reads before reading it, and no trace keeps any of them (a trace keeps copies).
 */
export interface RunScratch {
  /** Per project (see `RunState` in mesAdd1.ts). */
  prev: Float64Array;
  rho: Float64Array;
  free: Uint8Array;
  pay: Float64Array;
  settled: Uint8Array;
  uncappedOf: Float64Array;
  dropped: Uint8Array;
  funded: Uint8Array;
}

export function runScratch(projects: number): RunScratch {
  return {
    prev: new Float64Array(projects),
    rho: new Float64Array(projects),
    free: new Uint8Array(projects),
    pay: new Float64Array(projects),
    settled: new Uint8Array(projects),
    uncappedOf: new Float64Array(projects),
    dropped: new Uint8Array(projects),
    funded: new Uint8Array(projects),
  };
}

/**
 * `list` sorted by `key` in place, stably (equal keys keep their order, as Array.prototype.sort keeps them):
 * insertion sort, as a round changes few keys and only raises them, so the list is nearly sorted already.
 */
export function sortByKey(list: number[], key: Float64Array): void {
  for (let i = 1; i < list.length; i++) {
    const c = list[i] as number;
    const kc = key[c] as number;
    let j = i;
    while (j > 0 && (key[list[j - 1] as number] as number) > kc) {
      list[j] = list[j - 1] as number;
      j--;
    }
    list[j] = c;
  }
}
