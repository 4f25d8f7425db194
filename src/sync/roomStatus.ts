/**
 * Who in the room is behind: a pure reading of this device's log of transfers (src/storage/roomLog.ts) against
 * its own copy of the session. No network and no clock: everything comes from the arguments.
 *
 * What a tablet holds is known only from what crossed between it and this device:
 * - a file received from it holds its whole copy, so the file's Yjs state vector is proof of what it had then;
 * - a file sent to it (or to whoever the share sheet picked: such a send names no tablet and counts for every
 *   tablet) holds this device's copy, but nothing comes back to say it was added: a claim, not proof.
 * Yjs copies only grow (records are never deleted, docs/session-document.md), so the most a tablet is known to
 * hold is the largest clock per Yjs client over those vectors.
 *
 * A tablet's state, first match wins:
 * 1. `notGathered`: nothing has been received from it yet (its residents' ideas are not here).
 * 2. `upToDate`: what it last sent holds everything this device has.
 * 3. `sent`: this device's copy, as sent to it, holds everything this device has; not confirmed yet.
 * 4. `behind`: this device has changes the tablet is not known to have (hand back the room's ideas).
 *
 * Every device opens the same room screen, but only the device gathering can say which tablets are gathered.
 * `gatheringElsewhere` reads from the log that this device is a tablet that gave its ideas to another (see there);
 * such a tablet lists only the devices it gave them to, and one it has not heard back from is `gathering`.
 *
 * ORDER: the transfers are read in the order they happened on this device, as the log gives them
 * (src/storage/roomLog.ts `transfersOf`, by its auto-increment id). Their times are only shown, never compared: a
 * tablet's clock may be put right mid-gathering (the network sets one an hour fast back), so a hand-back received
 * after the tablet sent its ideas can carry an earlier time than the send.
 */

/** Client id -> how many operations of that client a copy holds (`Y.decodeStateVector`). */
export type StateVector = ReadonlyMap<number, number>;

export const TABLET_STATES = {
  /** Nothing received from this tablet yet. */
  notGathered: 'notGathered',
  /** This device has changes the tablet is not known to have. */
  behind: 'behind',
  /** The room's ideas were sent to it after its last known state; it has not sent anything back since. */
  sent: 'sent',
  /** What it last sent holds everything this device has. */
  upToDate: 'upToDate',
  /** Seen from a tablet that is not gathering: the device this tablet gave its ideas to; nothing back yet. */
  gathering: 'gathering',
} as const;
export type TabletState = (typeof TABLET_STATES)[keyof typeof TABLET_STATES];

/** One transfer as the room needs it (a row of the room log). */
export interface RoomTransfer {
  direction: 'sent' | 'received';
  /** The other device; a share sheet's send names none (it counts for every tablet). */
  peerDeviceId?: string;
  /** Milliseconds since the epoch, by this device's clock then: shown, never used to order (module header). */
  at: number;
  /**
   * The copy that crossed: received, the sender's whole copy (a camera answer's header says it); sent, this
   * device's copy as sent. Absent when the way of sending could not tell (an older app's camera answer).
   */
  stateVector?: StateVector;
}

export interface TabletInRoom {
  deviceId: string;
  state: TabletState;
  /** The time of the last transfer received from it / sent to it (a send naming no tablet counts), or null. */
  lastReceivedAt: number | null;
  lastSentAt: number | null;
  received: number;
  sent: number;
}

/** True when `wanted` has an operation `known` lacks: a copy holding `known` is behind one holding `wanted`. */
export function lacks(known: StateVector, wanted: StateVector): boolean {
  for (const [client, clock] of wanted) {
    if (clock > (known.get(client) ?? 0)) return true;
  }
  return false;
}

/** The largest clock per client: everything any of the copies held. */
export function unionOf(vectors: readonly StateVector[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const v of vectors) {
    for (const [client, clock] of v) out.set(client, Math.max(clock, out.get(client) ?? 0));
  }
  return out;
}

/**
 * Every tablet of the room but this device, in the order given, with its state. `deviceIds` are the tablets the
 * session knows (records and names); tablets met only in the log are added after them. `transfers` in the log's
 * order (module header).
 */
export function roomTablets(
  selfId: string,
  deviceIds: readonly string[],
  transfers: readonly RoomTransfer[],
  own: StateVector,
): TabletInRoom[] {
  const ids = [
    ...new Set([...deviceIds, ...transfers.flatMap((x) => (x.peerDeviceId ? [x.peerDeviceId] : []))]),
  ];
  return ids
    .filter((id) => id !== selfId)
    .map((deviceId) => {
      const received = transfers.filter((x) => x.direction === 'received' && x.peerDeviceId === deviceId);
      // In the log's order, sends naming no tablet among them, so the last is the latest.
      const sent = transfers.filter(
        (x) => x.direction === 'sent' && (x.peerDeviceId === deviceId || !x.peerDeviceId),
      );
      const proof = unionOf(received.flatMap((x) => (x.stateVector ? [x.stateVector] : [])));
      const claim = unionOf([proof, ...sent.flatMap((x) => (x.stateVector ? [x.stateVector] : []))]);
      const state: TabletState =
        received.length === 0
          ? TABLET_STATES.notGathered
          : !lacks(proof, own)
            ? TABLET_STATES.upToDate
            : !lacks(claim, own)
              ? TABLET_STATES.sent
              : TABLET_STATES.behind;
      return {
        deviceId,
        state,
        lastReceivedAt: received.at(-1)?.at ?? null,
        lastSentAt: sent.at(-1)?.at ?? null,
        received: received.length,
        sent: sent.length,
      };
    });
}

/**
 * The devices this one gave its ideas to, when the log says it is a tablet of the room and not the device
 * gathering; null when it is the device gathering (or nothing has happened here yet). A tablet sends its ideas
 * (to a named device, or through the share sheet or a download, naming none) and then receives the room's ideas
 * from one device (it may have received the session from it before); the device gathering receives from several
 * tablets, and sends only to hand back. So: this device sent something, and received from no device, or from one
 * only and from it again after it had sent. The log cannot tell more: a device that gathered one tablet only,
 * handed back to it and received from it again reads as that tablet would, until it receives from a second.
 * "After" is in the log's order, not by time (module header).
 */
export function gatheringElsewhere(transfers: readonly RoomTransfer[]): string[] | null {
  const sent = transfers.filter((x) => x.direction === 'sent');
  if (sent.length === 0) return null;
  const fromPeers = new Set(
    transfers.flatMap((x) => (x.direction === 'received' && x.peerDeviceId ? [x.peerDeviceId] : [])),
  );
  if (fromPeers.size > 1) return null;
  const [from] = fromPeers;
  if (from === undefined) {
    return [...new Set(sent.flatMap((x) => (x.peerDeviceId ? [x.peerDeviceId] : [])))];
  }
  const firstSent = transfers.findIndex((x) => x.direction === 'sent');
  const isHandedBack = transfers.slice(firstSent + 1).some((x) => x.direction === 'received');
  return isHandedBack ? [from] : null;
}

/**
 * The room as this device can tell it: every tablet when it is the device gathering (roomTablets), or only the
 * devices it gave its ideas to when it is a tablet (gatheringElsewhere), so a tablet never says another tablet is
 * not gathered: it cannot know.
 */
export function roomAsSeenHere(
  selfId: string,
  deviceIds: readonly string[],
  transfers: readonly RoomTransfer[],
  own: StateVector,
): { isGathering: boolean; tablets: TabletInRoom[] } {
  const gatherers = gatheringElsewhere(transfers);
  const tablets = roomTablets(selfId, deviceIds, transfers, own);
  if (gatherers === null) return { isGathering: true, tablets };
  return {
    isGathering: false,
    tablets: tablets
      .filter((x) => gatherers.includes(x.deviceId))
      .map((x) => (x.state === TABLET_STATES.notGathered ? { ...x, state: TABLET_STATES.gathering } : x)),
  };
}

/**
 * The tablets a session knows: every device that hosted a resident's turn, wrote a resident's record or was named.
 * Not a device that only edited the settings (the office laptop the session was set up on): it never comes to the
 * room, so counting it would leave the room "not gathered" for ever. Such a device still shows once it sends or
 * receives in the room (roomTablets adds the devices met in the log).
 */
export function sessionDeviceIds(records: {
  participants: readonly { deviceId: string }[];
  proposals: readonly { deviceId: string }[];
  comments: readonly { deviceId: string }[];
  ballots: readonly { deviceId: string }[];
  devices: readonly { namedDeviceId: string }[];
}): string[] {
  return [
    ...new Set([
      ...records.participants.map((r) => r.deviceId),
      ...records.proposals.map((r) => r.deviceId),
      ...records.comments.map((r) => r.deviceId),
      ...records.ballots.map((r) => r.deviceId),
      ...records.devices.map((r) => r.namedDeviceId),
    ]),
  ];
}
