/**
 * One name for ballots that are not counted (commit e819e06): the paper-ballot count line says it in the same
 * words as the dashboard, officer view and report, and no longer that the ballots "break the rules" (untrue of a
 * ballot left uncounted because the way of voting changed after it was cast).
 */
import { describe, expect, it } from 'vitest';
import cyPaper from '../../../src/ui/i18n/cy/paper.json';
import cyFacilitator from '../../../src/ui/i18n/cy/facilitator.json';
import { facilitator } from '../../../src/ui/i18n/en/facilitator';
import { paper } from '../../../src/ui/i18n/en/paper';

function forms(message: unknown): string[] {
  return typeof message === 'string' ? [message] : Object.values(message as Record<string, string>);
}

describe('the paper-ballot count line', () => {
  it('Given the English catalogue, Then every form says "not counted", as "Ballots not counted" does, and nothing of rules', () => {
    expect(facilitator['fac.counts.excluded']).toBe('Ballots not counted');
    for (const text of forms(paper['paper.counts.excluded'])) {
      expect(text).toMatch(/not counted/);
      expect(text).not.toMatch(/rule|break|broke/i);
    }
  });

  it('Given the Welsh catalogue, Then every form says "not counted" as its dashboard does ("cyfrif"), and nothing of breaking rules', () => {
    expect(cyFacilitator['fac.counts.excluded']).toMatch(/cyfrif/);
    for (const text of forms(cyPaper['paper.counts.excluded'])) {
      expect(text).toMatch(/^Nid yw \{count\} .* (cyfrif|chyfrif)\.$/);
      expect(text).not.toMatch(/torri|rheol/);
    }
  });
});
