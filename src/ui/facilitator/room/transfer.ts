import type { SessionHandle } from '../../useSession';

/**
 * What one transfer in the room did, as the room view records it (src/ui/facilitator/room/RoomScreen.tsx): the
 * camera steps (./camera/) and the share sheet report one of these when they finish, and never before the
 * receiving device's IndexedDB committed the merge.
 */
export const TRANSFER_WAY = { camera: 'camera', share: 'share', file: 'file' } as const;
export type TransferWay = (typeof TRANSFER_WAY)[keyof typeof TRANSFER_WAY];

export interface TransferDone {
  direction: 'sent' | 'received';
  way: TransferWay;
  /** The other device's id and name, when the transfer carried them. */
  peerDeviceId?: string;
  peerName?: string;
  /** Bytes that crossed (the delta, not the whole session). */
  bytes: number;
  /** Records the merge added on the receiving side (received only). */
  recordsAdded?: number;
  /** Milliseconds since the epoch, when it finished. */
  at: number;
}

/** Props shared by the camera steps: the room view mounts them and records what they report. */
export interface TransferStepProps {
  sessionId: string;
  /**
   * The room's own open session: the step reads and merges into that document, so the room sees the merge at
   * once (a copy of its own, opened from IndexedDB, would show it only after a reload).
   */
  session: SessionHandle;
  /**
   * `stateVector`: what the other tablet held when the transfer was made, when it said (a camera answer's
   * header), as a session file's whole copy says it.
   */
  onDone: (done: TransferDone, stateVector?: Uint8Array) => void;
  onCancel: () => void;
}
