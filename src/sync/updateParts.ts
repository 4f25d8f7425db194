/**
 * Splits one Yjs (v1) update into parts of at most a byte budget, so that a session bigger than the server's
 * per-message limit (src/server/limits.ts maxMessageBytes) still reaches it: each part is an ordinary update that
 * the server checks and stores on its own.
 *
 * Rule: applied in order to a document whose state is `base` (the receiver's state vector), every part integrates
 * completely: each struct goes in a part no earlier than everything it depends on (the struct before it of the
 * same client, its left and right origins, its parent when that is a nested type). The server refuses an update
 * that leaves structs waiting ('incomplete', src/server/validation.ts), so a part that merely came in the wrong order
 * would be held and then refused. The delete set goes last, after every struct it may name.
 *
 * Encoding: the v1 format is, per client, the number of structs, the client, the first clock, then the structs; a
 * client may appear once per update, with consecutive clocks (Yjs's writeStructs, yjs/src/utils/encoding.js), and
 * last the delete set (client, number of ranges, then clock and length of each: writeDeleteSet). In v1 each struct's
 * bytes do not depend on what was written before them, so a part is put together from struct bytes written one by
 * one with Yjs's own `struct.write`.
 *
 * Order among clients: `first` names clients taken first (the app passes the client that created the session, whose
 * meta and settings must arrive in the first part of a session the server does not have yet); then Yjs's own
 * order, highest client id first.
 */
import * as Y from 'yjs';

/** A struct whose encoding alone is over the budget: it cannot be sent in parts of that size. */
export class StructTooLargeError extends Error {
  override readonly name = 'StructTooLargeError';
  constructor(
    readonly bytes: number,
    readonly budget: number,
  ) {
    super(`one change is ${bytes} bytes, more than the ${budget} bytes a part may hold; it cannot be sent`);
  }
}

type Struct = Y.Item | Y.GC;

/** Bytes of the varUint encoding of a non-negative integer (lib0 writeVarUint). */
function varUintBytes(n: number, out?: number[]): number {
  let count = 0;
  let rest = n;
  while (rest > 0x7f) {
    out?.push(0x80 | (rest & 0x7f));
    rest = Math.floor(rest / 128);
    count += 1;
  }
  out?.push(rest & 0x7f);
  return count + 1;
}

function varUint(n: number): Uint8Array {
  const out: number[] = [];
  varUintBytes(n, out);
  return Uint8Array.from(out);
}

function structBytes(struct: Struct, offset: number): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  struct.write(encoder, offset);
  return encoder.toUint8Array();
}

/** One client's run of consecutive structs inside a part. */
interface Run {
  client: number;
  clock: number;
  /** The clock after the last struct of the run. */
  end: number;
  structs: Uint8Array[];
}

/** A part under construction: struct runs per client and delete ranges per client. */
class PartBuilder {
  runs = new Map<number, Run>();
  deletes = new Map<number, { clock: number; len: number }[]>();
  bytes = 0;

  constructor() {
    this.bytes = this.fixedBytes();
  }

  /** The counts at the front of the struct section and of the delete set (a few bytes at most). */
  private fixedBytes(): number {
    return varUintBytes(this.runs.size) + varUintBytes(this.deletes.size);
  }

  isEmpty(): boolean {
    return this.runs.size === 0 && this.deletes.size === 0;
  }

  /** Bytes this part would have with the struct added (null when the client's run would not be consecutive). */
  costOfStruct(client: number, clock: number, bytes: number): number | null {
    const run = this.runs.get(client);
    if (run && run.end !== clock) return null;
    // A new run adds its header (count, client, first clock); the count of an existing one may grow a byte.
    const header = run
      ? varUintBytes(run.structs.length + 1) - varUintBytes(run.structs.length)
      : varUintBytes(1) + varUintBytes(client) + varUintBytes(clock) + 1;
    return this.bytes + header + bytes;
  }

  addStruct(client: number, clock: number, length: number, bytes: Uint8Array, cost: number): void {
    const run = this.runs.get(client);
    if (run) {
      run.structs.push(bytes);
      run.end = clock + length;
    } else this.runs.set(client, { client, clock, end: clock + length, structs: [bytes] });
    this.bytes = cost;
  }

  costOfDelete(client: number, clock: number, len: number): number {
    const ranges = this.deletes.get(client);
    const header = ranges
      ? varUintBytes(ranges.length + 1) - varUintBytes(ranges.length)
      : varUintBytes(client) + varUintBytes(1) + 1;
    return this.bytes + header + varUintBytes(clock) + varUintBytes(len);
  }

  addDelete(client: number, clock: number, len: number, cost: number): void {
    const ranges = this.deletes.get(client);
    if (ranges) ranges.push({ clock, len });
    else this.deletes.set(client, [{ clock, len }]);
    this.bytes = cost;
  }

  encode(): Uint8Array {
    const chunks: Uint8Array[] = [varUint(this.runs.size)];
    for (const run of this.runs.values()) {
      chunks.push(varUint(run.structs.length), varUint(run.client), varUint(run.clock), ...run.structs);
    }
    chunks.push(varUint(this.deletes.size));
    for (const [client, ranges] of this.deletes) {
      chunks.push(varUint(client), varUint(ranges.length));
      for (const r of ranges) chunks.push(varUint(r.clock), varUint(r.len));
    }
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  }
}

/** The IDs a struct needs before it can be integrated, besides the struct before it of the same client. */
function dependencies(struct: Struct): Y.ID[] {
  if (!(struct instanceof Y.Item)) return [];
  const deps: Y.ID[] = [];
  if (struct.origin) deps.push(struct.origin);
  if (struct.rightOrigin) deps.push(struct.rightOrigin);
  if (struct.parent instanceof Y.ID) deps.push(struct.parent);
  return deps;
}

/** The order structs may be integrated in: each after the structs it depends on, given the receiver's `base`. */
function integrationOrder(
  byClient: Map<number, Struct[]>,
  base: ReadonlyMap<number, number>,
  first: readonly number[],
): { struct: Struct; offset: number }[] {
  const have = new Map(base);
  const clients = [
    ...first.filter((c) => byClient.has(c)),
    ...[...byClient.keys()].filter((c) => !first.includes(c)).sort((a, b) => b - a),
  ];
  const cursor = new Map<number, number>(clients.map((c) => [c, 0]));
  const order: { struct: Struct; offset: number }[] = [];
  const isKnown = (id: Y.ID): boolean => (have.get(id.client) ?? 0) > id.clock;
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const client of clients) {
      const structs = byClient.get(client)!;
      let i = cursor.get(client)!;
      for (; i < structs.length; i++) {
        const struct = structs[i]!;
        const state = have.get(client) ?? 0;
        const start = struct.id.clock;
        if (state >= start + struct.length) continue; // the receiver has it already
        if (state < start || !dependencies(struct).every(isKnown)) break;
        order.push({ struct, offset: state - start });
        have.set(client, start + struct.length);
        progressed = true;
      }
      cursor.set(client, i);
    }
  }
  // Structs that depend on ones neither the receiver nor the update has: they would wait on the receiver whole
  // or in parts; they go last, in the update's own order.
  for (const client of clients) {
    const structs = byClient.get(client)!;
    for (let i = cursor.get(client)!; i < structs.length; i++) order.push({ struct: structs[i]!, offset: 0 });
  }
  return order;
}

/**
 * The parts of `update` (Yjs v1), each at most `budget` bytes, in the order they must be applied; none when the
 * update holds nothing. `base` is the receiver's state: structs it has are left out. Throws StructTooLargeError
 * when one struct alone (with the few bytes of a part's headers) is over the budget: a record that big cannot be
 * sent under the server's message limit at all.
 */
export function splitUpdate(
  update: Uint8Array,
  budget: number,
  options: { base?: ReadonlyMap<number, number>; first?: readonly number[] } = {},
): Uint8Array[] {
  const steps = splitUpdateInSteps(update, budget, options);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * splitUpdate for a caller that must not block for long (the sync server, src/server/largeUpdates.ts): it yields
 * after decoding and after every `stepStructs` structs written (writing them is about two thirds of the cost).
 * `firstWritersOf` names a root map whose writers in the update go first too (the server has no document to
 * read the session's creators from).
 */
export function* splitUpdateInSteps(
  update: Uint8Array,
  budget: number,
  options: {
    base?: ReadonlyMap<number, number>;
    first?: readonly number[];
    firstWritersOf?: string;
    stepStructs?: number;
  } = {},
): Generator<void, Uint8Array[], void> {
  const stepStructs = options.stepStructs ?? Infinity;
  let written = 0;
  const { structs, ds } = Y.decodeUpdate(update);
  if (stepStructs !== Infinity) yield;
  const first = [...(options.first ?? [])];
  for (const s of structs) {
    const isWriter =
      options.firstWritersOf !== undefined &&
      s instanceof Y.Item &&
      (s.parent as unknown) === options.firstWritersOf;
    if (isWriter && !first.includes(s.id.client)) first.push(s.id.client);
  }
  const byClient = new Map<number, Struct[]>();
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    const list = byClient.get(s.id.client);
    if (list) list.push(s);
    else byClient.set(s.id.client, [s]);
  }
  const parts: Uint8Array[] = [];
  let part = new PartBuilder();
  const finish = (): void => {
    if (!part.isEmpty()) parts.push(part.encode());
    part = new PartBuilder();
  };

  for (const { struct, offset } of integrationOrder(byClient, options.base ?? new Map(), first)) {
    const client = struct.id.client;
    const clock = struct.id.clock + offset;
    const bytes = structBytes(struct, offset);
    let cost = part.costOfStruct(client, clock, bytes.byteLength);
    if (cost === null || cost > budget) {
      finish();
      cost = part.costOfStruct(client, clock, bytes.byteLength)!;
      if (cost > budget) throw new StructTooLargeError(cost, budget);
    }
    part.addStruct(client, clock, struct.length - offset, bytes, cost);
    if (++written % stepStructs === 0) yield;
  }

  for (const [client, ranges] of [...ds.clients].sort((a, b) => b[0] - a[0])) {
    for (const { clock, len } of ranges) {
      let cost = part.costOfDelete(client, clock, len);
      if (cost > budget) {
        finish();
        cost = part.costOfDelete(client, clock, len);
        if (cost > budget) throw new StructTooLargeError(cost, budget);
      }
      part.addDelete(client, clock, len, cost);
    }
  }
  finish();
  return parts;
}
