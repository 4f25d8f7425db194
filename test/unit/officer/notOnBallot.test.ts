/**
 * The proposals behind "Proposals hidden or merged into another" (src/ui/officer/notOnBallot.ts): named as the
 * counting treats them, and, for the report (which may be published), a hidden proposal's title and reason
 * withheld as the open-data export withholds them, also where another proposal was merged into a hidden one.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProposal, type CommandContext } from '../../../src/doc/commands';
import { hideProposal, mergeProposals } from '../../../src/doc/moderationCommands';
import { viewSession } from '../../../src/doc/session';
import { createSession } from '../../../src/doc/sessionCommands';
import { makeTranslator } from '../../../src/ui/i18n';
import { officerReport } from '../../../src/ui/i18n/en/officer-report';
import { addMessages } from '../../../src/ui/i18n';
import {
  includedTitles,
  includesText,
  notOnBallot,
  notOnBallotText,
} from '../../../src/ui/officer/notOnBallot';
import { validSettings } from '../helpers/session';

addMessages('en', officerReport);
const t = makeTranslator('en');

function seeded() {
  let now = Date.UTC(2026, 11, 5, 10, 0);
  const ctx: CommandContext = { deviceId: 'laptop-1', now: () => (now += 60_000), newId: () => randomUUID() };
  const doc = new Y.Doc();
  createSession(doc, randomUUID(), validSettings(), ctx);
  const idea = (title: string): string =>
    addProposal(
      doc,
      { title, description: '', themeId: 'theme-young', costPence: 100_000, where: '' },
      null,
      ctx,
    );
  const id = {
    kept: idea('Youth club'),
    duplicate: idea('Friday youth club'),
    hiddenDuplicate: idea('Youth club, not like the one Dave runs'),
    named: idea('Dave at no. 12'),
    intoNamed: idea('Dave again'),
  };
  mergeProposals(doc, id.duplicate, id.kept, ctx);
  mergeProposals(doc, id.hiddenDuplicate, id.kept, ctx);
  hideProposal(doc, id.hiddenDuplicate, 'Names a neighbour', ctx);
  hideProposal(doc, id.named, 'Names a neighbour', ctx);
  mergeProposals(doc, id.intoNamed, id.named, ctx);
  return { doc, id };
}

describe('proposals not on the ballot', () => {
  it('Given merged and hidden proposals, then the officer screen names each with its reason or the proposal it went into, and a kept proposal includes only duplicates whose choices count for it', () => {
    const { doc, id } = seeded();
    const view = viewSession(doc)!;
    expect(notOnBallot(view).map((e) => notOnBallotText(t, e))).toEqual([
      '“Friday youth club”: merged into “Youth club”',
      '“Youth club, not like the one Dave runs”: hidden by the facilitator. Reason: Names a neighbour',
      '“Dave at no. 12”: hidden by the facilitator. Reason: Names a neighbour',
      '“Dave again”: merged into “Dave at no. 12”',
    ]);
    // A hidden duplicate's choices are skipped (src/domain/count.ts), so it is not among what the kept one includes.
    expect(includedTitles(view).get(id.kept)).toEqual(['Friday youth club']);
    expect(includesText(t, includedTitles(view).get(id.kept))).toBe('includes: “Friday youth club”');
    expect(includesText(t, undefined)).toBe('');
  });

  it('Given the same proposals for the report, then no hidden proposal’s title or reason is given, even as the proposal another was merged into', () => {
    const view = viewSession(seeded().doc)!;
    const lines = notOnBallot(view, { forPublishing: true }).map((e) => notOnBallotText(t, e));
    expect(lines).toEqual([
      '“Friday youth club”: merged into “Youth club”',
      '(hidden title): hidden by the facilitator. Its title and the reason are not printed, as they may name someone.',
      '(hidden title): hidden by the facilitator. Its title and the reason are not printed, as they may name someone.',
      '“Dave again”: merged into (hidden title)',
    ]);
    expect(lines.join(' ')).not.toMatch(/Dave at no\. 12|Names a neighbour|not like the one/);
  });
});
