/**
 * Who may move a session to another neighbourhood (issue 12 §5). A facilitator device opens the sessions of the
 * neighbourhoods assigned to it (assignments.ts), so the neighbourhood in a session's settings decides who can
 * read its residents' answers. Once the council holds a session, a facilitator's settings edit that changes the
 * neighbourhood would hand the session, answers and all, to another neighbourhood's facilitators: that needs an
 * officer. A session being created (the council has nothing yet) takes whatever neighbourhood it is created with,
 * and edits that keep the neighbourhood (other fields, or the same name in other case or spacing) are not
 * affected.
 *
 * The council's public key (`councilKey`, issue 12 §8) is guarded the same way: residents' about-you answers are
 * sealed to it on the tablet, so a facilitator who cleared it would have every later answer stored in the clear,
 * and one who replaced it would have them sealed to a key the council does not hold. Once the council holds a
 * session with a key, changing or clearing the key needs an officer (rotation); giving a session its first key is
 * always allowed.
 *
 * `neighbourhoodRuling` and `councilKeyRuling` are the rules, pure; `neighbourhoodProblems` applies both to an
 * update the server is checking (validation.ts), on the scratch copy with the update applied.
 */
import type * as Y from 'yjs';
import { MAPS } from '../doc/schema';
import type { SettingsEdit } from '../domain/types';
import { effectiveSettings } from '../domain/settings';
import type { Changes, RoleRuleCode, WriterRole } from '../sync/changeRules';
import { neighbourhoodKey } from '../domain/neighbourhood';

export type NeighbourhoodRuling = 'unchanged' | 'allowed' | 'needsOfficer';

/** Shaped like the server's UpdateProblem (validation.ts): where and which rule, never a value. */
export interface NeighbourhoodProblem {
  map: 'settings';
  key: string;
  field: 'neighbourhood' | 'councilKey';
  problem: RoleRuleCode;
}

export interface NeighbourhoodChange {
  /** The session's neighbourhood before the change (null: no settings yet). */
  before: string | null;
  /** Its neighbourhood with the change. */
  after: string | null;
  role: WriterRole;
  /** The council already holds this session (the change does not create it). */
  councilHasSession: boolean;
}

/** Whether a change may set a session's neighbourhood from `before` to `after`. */
export function neighbourhoodRuling(change: NeighbourhoodChange): NeighbourhoodRuling {
  const same =
    change.before === change.after ||
    (change.before !== null &&
      change.after !== null &&
      neighbourhoodKey(change.before) === neighbourhoodKey(change.after));
  if (same) return 'unchanged';
  if (!change.councilHasSession || change.role !== 'facilitator') return 'allowed';
  return 'needsOfficer';
}

export interface CouncilKeyChange {
  /** The session's council key before the change (null or '': none). */
  before: string | null;
  after: string | null;
  role: WriterRole;
  councilHasSession: boolean;
}

/** Whether a change may set a session's council key from `before` to `after`. */
export function councilKeyRuling(change: CouncilKeyChange): NeighbourhoodRuling {
  const before = change.before ?? '';
  const after = change.after ?? '';
  if (before === after) return 'unchanged';
  if (before === '' || !change.councilHasSession || change.role !== 'facilitator') return 'allowed';
  return 'needsOfficer';
}

/** The effective council key of a list of settings edits (null when there is none). */
export function councilKeyOf(edits: readonly SettingsEdit[]): string | null {
  const key = effectiveSettings(edits)?.councilKey;
  return typeof key === 'string' && key !== '' ? key : null;
}

/** The effective neighbourhood of a list of settings edits (null when there are none). */
export function neighbourhoodOf(edits: readonly SettingsEdit[]): string | null {
  const settings = effectiveSettings(edits);
  return typeof settings?.neighbourhood === 'string' ? settings.neighbourhood : null;
}

function isEdit(value: unknown): value is SettingsEdit {
  return typeof value === 'object' && value !== null && typeof (value as SettingsEdit).values === 'object';
}

/**
 * For the server's check of one update: `scratch` is the session with the update applied, `changes` what the
 * update did to it, `isNewSession` that the session did not exist before. A refused change is reported as the
 * settings edit that moved the neighbourhood (`settings.<id>.neighbourhood notAllowed`), never its value.
 */
export function neighbourhoodProblems(
  scratch: Y.Doc,
  changes: Changes,
  role: WriterRole,
  isNewSession: boolean,
): NeighbourhoodProblem[] {
  const changed = changes.get('settings');
  if (!changed || changed.size === 0) return [];
  const now = new Map<string, unknown>(scratch.getMap<unknown>(MAPS.settings).entries());
  const then = new Map(now);
  for (const [key, { action, oldValue }] of changed) {
    if (action === 'add') then.delete(key);
    else then.set(key, oldValue);
  }
  const thenEdits = [...then.values()].filter(isEdit);
  const nowEdits = [...now.values()].filter(isEdit);
  const isFacilitatorEdit = { role, councilHasSession: !isNewSession };
  const problems: NeighbourhoodProblem[] = [];
  const guarded = [
    {
      field: 'neighbourhood' as const,
      ruling: neighbourhoodRuling({
        before: neighbourhoodOf(thenEdits),
        after: neighbourhoodOf(nowEdits),
        ...isFacilitatorEdit,
      }),
    },
    {
      field: 'councilKey' as const,
      ruling: councilKeyRuling({
        before: councilKeyOf(thenEdits),
        after: councilKeyOf(nowEdits),
        ...isFacilitatorEdit,
      }),
    },
  ];
  for (const { field, ruling } of guarded) {
    if (ruling !== 'needsOfficer') continue;
    const moved = [...changed.keys()].find((key) => {
      const value = now.get(key);
      return isEdit(value) && field in value.values;
    });
    problems.push({ map: 'settings', key: moved ?? '', field, problem: 'notAllowed' });
  }
  return problems;
}
