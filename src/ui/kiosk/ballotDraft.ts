/**
 * A resident's priorities set but not saved yet, kept as one of their turn's drafts (turnDrafts.ts), so a reload
 * or a crash mid-turn brings the ticks and dots back with the turn, as it brings back a half-typed idea. Read back
 * only for the session's current method and only in the shape a ballot has; the rules (dots left, the pot) are
 * checked again on saving, as always.
 */
import type { BallotChoices, PriorityMethod } from '../../domain/types';
import type { DraftValues } from './turnDrafts';

/** The draft's form name among the turn's drafts. */
export const BALLOT_DRAFT = 'ballot';

export function ballotDraft(choices: BallotChoices): DraftValues {
  return { choices: JSON.stringify(choices) };
}

/** The choices a draft holds, or null when it holds none for `method` (another method, or not a ballot's shape). */
export function choicesFromDraft(values: DraftValues | null, method: PriorityMethod): BallotChoices | null {
  const text = values?.choices;
  if (typeof text !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const c = parsed as Record<string, unknown>;
  if (c.kind !== method.kind) return null;
  if (c.kind === 'dots') {
    if (typeof c.dots !== 'object' || c.dots === null || Array.isArray(c.dots)) return null;
    const dots: Record<string, number> = {};
    for (const [id, n] of Object.entries(c.dots)) {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return null;
      dots[id] = n;
    }
    return { kind: 'dots', dots };
  }
  const list = c.kind === 'budget' ? c.selected : c.ranked;
  if (!Array.isArray(list) || !list.every((id): id is string => typeof id === 'string')) return null;
  return c.kind === 'budget'
    ? { kind: 'budget', selected: [...list] }
    : { kind: 'ranking', ranked: [...list] };
}
