/**
 * Which sessions may go to the council server: every one but the demo (src/demo). The demo's residents are made
 * up; synced, they would stand among real sessions in the officers' figures. A session is the demo when its meta
 * says so (written when the demo is made, so a session file of the demo is still the demo on another device) or
 * when this device's session list says so (a demo made before meta carried the mark has only that).
 *
 * Asked by every way a session reaches the council: the sync itself refuses the demo (councilSync.ts), and the
 * screens that start one ask first so they can say why in words.
 */
import type * as Y from 'yjs';
import { readMeta } from '../doc/schema';

/** What this device's session list says about a session (AppDb.sessions), if it lists it. */
export interface ListedSession {
  isDemo: boolean;
}

/** Whether this device may sync the session with the council server: false for the demo, true otherwise. */
export function mayGoToCouncil(doc: Y.Doc, listed?: ListedSession | null): boolean {
  return readMeta(doc)?.isDemo !== true && listed?.isDemo !== true;
}
