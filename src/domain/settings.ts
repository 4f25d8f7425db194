/**
 * Effective settings: fold every settings edit in causal order (order.ts causalOrder: an edit comes after the one
 * it names in `after`, then by (at, id)), each edit overwriting the fields it carries. Two facilitators editing
 * different fields apart both keep their change; on the same field the later edit wins by that rule, and every
 * earlier value stays in the edit history. `translations` is the one field
 * folded deeper: by language.
 */
import { causalOrder } from './order';
import type { SessionSettings, SettingsEdit } from './types';

export function effectiveSettings(edits: readonly SettingsEdit[]): SessionSettings | null {
  if (edits.length === 0) return null;
  const merged: Partial<SessionSettings> = {};
  for (const edit of causalOrder(edits)) {
    const { translations, ...values } = edit.values;
    Object.assign(merged, values);
    // Language by language: an edit carries the languages whose wording it changed, so a Welsh wording and a
    // Polish one typed apart both stay. A language's wording is replaced whole by the later edit.
    if (translations !== undefined) merged.translations = { ...merged.translations, ...translations };
  }
  return merged as SessionSettings;
}
