/**
 * The facilitator's commands on a whole session: create it, change its settings, end it. Apart from
 * ./commands.ts (the resident's commands, in the kiosk's shell) so that the settings checks load only with the
 * facilitator's screens. Each validates first and writes in one transaction, as every command does.
 */
import type * as Y from 'yjs';
import { ValidationError } from '../domain/errors';
import { causalLatest, stampAfter } from '../domain/order';
import type { SessionSettings, SettingsEdit } from '../domain/types';
import { validateSettings } from '../domain/validateSettings';
import { run, writable, type CommandContext } from './commands';
import { maps, readMeta, SCHEMA_VERSION } from './schema';

/** `isDemo`: the demo session (src/demo), marked in its meta so that it never goes to the council. */
export function createSession(
  doc: Y.Doc,
  sessionId: string,
  input: SessionSettings,
  ctx: CommandContext,
  { isDemo = false }: { isDemo?: boolean } = {},
): void {
  if (readMeta(doc)) throw new ValidationError('required', 'session');
  const settings = validateSettings({ ...input, isEnded: false }, { streamsBefore: [] });
  const edit: SettingsEdit = { id: ctx.newId(), deviceId: ctx.deviceId, at: ctx.now(), values: settings };
  run(doc, 'createSession', ctx, () => {
    const m = maps(doc);
    m.meta.set('sessionId', sessionId);
    m.meta.set('schemaVersion', SCHEMA_VERSION);
    m.meta.set('createdAt', edit.at);
    m.meta.set('createdBy', ctx.deviceId);
    if (isDemo) m.meta.set('isDemo', true);
    m.settings.set(edit.id, edit);
  });
}

/** Changes some settings. The whole result is validated (e.g. the pot against the new money map). */
export function updateSettings(doc: Y.Doc, patch: Partial<SessionSettings>, ctx: CommandContext): void {
  writeSettings(doc, patch, ctx, 'updateSettings');
}

function writeSettings(
  doc: Y.Doc,
  patch: Partial<SessionSettings>,
  ctx: CommandContext,
  name: string,
  alsoAfter: Iterable<{ at: number }> = [],
): void {
  const current = writable(doc);
  // The streams as stored: one of £0 from before the rule is kept, a new or changed one cannot be £0.
  const next = validateSettings({ ...current, ...patch }, { streamsBefore: current.fundingStreams });
  const values: Partial<SessionSettings> = {};
  for (const key of Object.keys(patch) as (keyof SessionSettings)[]) {
    (values as Record<string, unknown>)[key] = next[key];
  }
  // After every edit it overrides, whatever this device's clock says (order.ts stampAfter): ending a session on
  // a tablet reset to 2000 must not lose to the session's own creation. And naming the edit applied last, so
  // that it is applied after it even when that one is stamped at the latest possible time (order.ts causalOrder).
  const edits = [...maps(doc).settings.values()];
  const at = stampAfter(ctx.now(), [...edits, ...alsoAfter]);
  const inForce = causalLatest(edits);
  const edit: SettingsEdit = {
    id: ctx.newId(),
    deviceId: ctx.deviceId,
    at,
    values,
    ...(inForce ? { after: inForce.id } : {}),
  };
  run(doc, name, ctx, () => maps(doc).settings.set(edit.id, edit));
}

/**
 * Ends the session. The end is stamped after every turn, ballot, idea and comment this device holds too: they came
 * before it, so a tablet whose clock is behind does not list them as made after the end (src/domain/afterEnd.ts).
 */
export function endSession(doc: Y.Doc, ctx: CommandContext): void {
  const m = maps(doc);
  const seen = [m.participants, m.ballots, m.proposals, m.comments].flatMap((map) => [...map.values()]);
  writeSettings(doc, { isEnded: true }, ctx, 'endSession', seen);
}
