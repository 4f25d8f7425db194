// Priorities set and not saved, kept as a draft of the turn (src/ui/kiosk/ballotDraft.ts): read back as they were,
// and only as a ballot of the session's own method.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BallotChoices, PriorityMethod } from '../../../src/domain/types';
import { ballotDraft, choicesFromDraft } from '../../../src/ui/kiosk/ballotDraft';

const dots: PriorityMethod = { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 };
const budget: PriorityMethod = { kind: 'budget', minSharePercent: 0 };
const ranking: PriorityMethod = { kind: 'ranking', maxRanked: 3 };
const methodOf = { dots, budget, ranking };

const ids = fc.array(fc.uuid(), { maxLength: 6 });
const choices: fc.Arbitrary<BallotChoices> = fc.oneof(
  fc
    .dictionary(fc.uuid(), fc.nat({ max: 5 }), { maxKeys: 6 })
    .map((d): BallotChoices => ({ kind: 'dots', dots: d })),
  ids.map((selected): BallotChoices => ({ kind: 'budget', selected })),
  ids.map((ranked): BallotChoices => ({ kind: 'ranking', ranked })),
);

describe('a ballot kept as a draft', () => {
  it('Given any choices, when kept and read back under their method, then they are the same, and under another method nothing', () => {
    fc.assert(
      fc.property(choices, (c) => {
        const kept = ballotDraft(c);
        expect(choicesFromDraft(kept, methodOf[c.kind])).toEqual(c);
        for (const m of [dots, budget, ranking].filter((m) => m.kind !== c.kind)) {
          expect(choicesFromDraft(kept, m)).toBeNull();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('Given a draft that is not a ballot, then nothing is read back', () => {
    const read = (text: string) => choicesFromDraft({ choices: text }, dots);
    expect(choicesFromDraft(null, dots)).toBeNull();
    expect(choicesFromDraft({}, dots)).toBeNull();
    expect(read('not json')).toBeNull();
    expect(read('null')).toBeNull();
    expect(read('{"kind":"dots","dots":[1,2]}')).toBeNull();
    expect(read('{"kind":"dots","dots":{"a":-1}}')).toBeNull();
    expect(read('{"kind":"dots","dots":{"a":1.5}}')).toBeNull();
    expect(read('{"kind":"dots","dots":{"a":"2"}}')).toBeNull();
    expect(choicesFromDraft({ choices: '{"kind":"budget","selected":[1]}' }, budget)).toBeNull();
    expect(choicesFromDraft({ choices: '{"kind":"ranking","ranked":"a"}' }, ranking)).toBeNull();
  });
});
