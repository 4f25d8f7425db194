/**
 * One update holding everything a list of updates holds, in time linear in their size: what compaction
 * (compaction.ts) keeps as a device's one row. `Y.mergeUpdates` gives the same result but re-sorts its readers for
 * every struct it writes: measured here, 2,000 small updates took 2.7 s, 8,000 took 39 s, and a device's share of
 * 100,000 did not finish in ten minutes.
 *
 * Deleted content is kept as it was (nothing is garbage-collected), so rolling back a device can still restore
 * the values another device overwrote. How: every update is decoded (`Y.decodeUpdate`); each client's structs are
 * sorted by clock and written once each with Yjs's own `struct.write` (a struct partly sent twice is written from
 * where the previous one ended, with `write(encoder, offset)`); a gap between a client's structs (structs that
 * arrived through another device) is a Skip, as in Yjs's own merged updates; the delete sets are joined range by
 * range. The v1 layout (yjs/src/utils/encoding.js writeStructs, DeleteSet.js writeDeleteSet): the number of
 * clients; per client the number of structs, the client, the first clock, the structs; then the delete set.
 */
import * as Y from 'yjs';

type Written = Y.Item | Y.GC;

function pushVarUint(out: number[], n: number): void {
  let rest = n;
  while (rest > 0x7f) {
    out.push(0x80 | (rest & 0x7f));
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
}

function varUint(n: number): Uint8Array {
  const out: number[] = [];
  pushVarUint(out, n);
  return Uint8Array.from(out);
}

function structBytes(struct: Written | Y.Skip, offset: number): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  struct.write(encoder, offset);
  return encoder.toUint8Array();
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export function mergeArchiveUpdates(updates: readonly Uint8Array[]): Uint8Array {
  if (updates.length === 1) return updates[0] as Uint8Array;
  const structs = new Map<number, Written[]>();
  const deletes = new Map<number, { clock: number; len: number }[]>();
  for (const update of updates) {
    const decoded = Y.decodeUpdate(update);
    for (const s of decoded.structs) {
      if (s instanceof Y.Skip) continue;
      const own = structs.get(s.id.client);
      if (own) own.push(s);
      else structs.set(s.id.client, [s]);
    }
    decoded.ds.clients.forEach((items, client) => {
      const own = deletes.get(client) ?? [];
      for (const item of items) own.push({ clock: item.clock, len: item.len });
      deletes.set(client, own);
    });
  }

  const chunks: Uint8Array[] = [varUint(structs.size)];
  // Highest client first, as Yjs writes them (any order is valid).
  for (const client of [...structs.keys()].sort((a, b) => b - a)) {
    const own = (structs.get(client) as Written[]).sort((a, b) => a.id.clock - b.id.clock);
    const first = (own[0] as Written).id.clock;
    // One encoder for the client's structs: v1 writes each struct's bytes one after another with nothing carried
    // between them, so this is the structs' own bytes in a row, without an encoder and a copy per struct (a
    // day's first sync holds thousands: the merge of a session's rows at load took 3× the apply).
    const body = new Y.UpdateEncoderV1();
    let count = 0;
    let end = first;
    for (const s of own) {
      const clock = s.id.clock;
      if (clock + s.length <= end) continue; // already written
      if (clock > end) {
        new Y.Skip(Y.createID(client, end), clock - end).write(body, 0);
        count += 1;
      }
      s.write(body, Math.max(0, end - clock));
      count += 1;
      end = clock + s.length;
    }
    chunks.push(varUint(count), varUint(client), varUint(first), body.toUint8Array());
  }

  chunks.push(varUint(deletes.size));
  for (const [client, ranges] of [...deletes].sort((a, b) => b[0] - a[0])) {
    ranges.sort((a, b) => a.clock - b.clock);
    const joined: { clock: number; len: number }[] = [];
    for (const r of ranges) {
      const last = joined.at(-1);
      if (last && r.clock <= last.clock + last.len) {
        last.len = Math.max(last.len, r.clock + r.len - last.clock);
      } else joined.push({ ...r });
    }
    const out: number[] = [];
    pushVarUint(out, client);
    pushVarUint(out, joined.length);
    for (const r of joined) {
      pushVarUint(out, r.clock);
      pushVarUint(out, r.len);
    }
    chunks.push(Uint8Array.from(out));
  }
  return concat(chunks);
}

/**
 * The same update with the content of every item `shouldPurge` picks replaced by ContentDeleted of the same
 * length: exactly what Yjs's own garbage collection does to a deleted item (Item.gc in yjs/src/structs/Item.js),
 * so the update still holds every clock, position and key, only not the value. Used by erasure (erasure.ts) on
 * archive rows, which compaction keeps with their deleted content on purpose. Call it only for items that are
 * deleted in the session's state: an item with ContentDeleted is deleted wherever it is applied. Returns the
 * update unchanged (the same bytes) when nothing was picked.
 */
export function purgeContent(
  update: Uint8Array,
  shouldPurge: (item: Y.Item) => boolean,
): { update: Uint8Array; purged: number } {
  const decoded = Y.decodeUpdate(update);
  let purged = 0;
  const byClient = new Map<number, (Written | Y.Skip)[]>();
  for (const s of decoded.structs) {
    if (s instanceof Y.Item && !(s.content instanceof Y.ContentDeleted) && shouldPurge(s)) {
      s.content = new Y.ContentDeleted(s.length);
      purged += 1;
    }
    const own = byClient.get(s.id.client);
    if (own) own.push(s);
    else byClient.set(s.id.client, [s]);
  }
  if (purged === 0) return { update, purged };
  // Written back in the order decodeUpdate read them: per client, its structs from its first clock.
  const chunks: Uint8Array[] = [varUint(byClient.size)];
  for (const [client, own] of byClient) {
    const first = (own[0] as Written | Y.Skip).id.clock;
    chunks.push(varUint(own.length), varUint(client), varUint(first), ...own.map((s) => structBytes(s, 0)));
  }
  const ds: number[] = [];
  pushVarUint(ds, decoded.ds.clients.size);
  decoded.ds.clients.forEach((items, client) => {
    pushVarUint(ds, client);
    pushVarUint(ds, items.length);
    for (const item of items) {
      pushVarUint(ds, item.clock);
      pushVarUint(ds, item.len);
    }
  });
  chunks.push(Uint8Array.from(ds));
  return { update: concat(chunks), purged };
}
