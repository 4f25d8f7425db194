/**
 * Effective settings: fold every settings edit in (at, id) order, each edit overwriting the fields it carries.
 * Two facilitators editing different fields apart both keep their change; on the same field the later edit
 * wins by the rule in order.ts, and every earlier value stays in the edit history.
 */
import { byStampThenId } from './order';
import type { SessionSettings, SettingsEdit } from './types';

export function effectiveSettings(edits: readonly SettingsEdit[]): SessionSettings | null {
  if (edits.length === 0) return null;
  const merged: Partial<SessionSettings> = {};
  for (const edit of [...edits].sort(byStampThenId)) Object.assign(merged, edit.values);
  return merged as SessionSettings;
}
