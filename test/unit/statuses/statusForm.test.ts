/**
 * The officer's status form as data: what was typed becomes the command's input, or the error of the field
 * that is wrong, and fields that do not apply to the chosen status are not sent.
 */
import { describe, expect, it } from 'vitest';
import { addProposal } from '../../../src/doc/commands';
import { mergeProposals } from '../../../src/doc/moderationCommands';
import { maps } from '../../../src/doc/schema';
import { setProposalStatus } from '../../../src/doc/statusCommands';
import { isValidationError } from '../../../src/domain/errors';
import { LIMITS } from '../../../src/domain/limits';
import { PROPOSAL_STATUSES, type ProposalStatusKind } from '../../../src/domain/types';
import { fieldErrors } from '../../../src/ui/errors';
import { addMessages, makeTranslator } from '../../../src/ui/i18n';
import { errorsOffice } from '../../../src/ui/i18n/en/errorsOffice';
import { errorsAfterEdit, inputFrom, typedFrom } from '../../../src/ui/officer/status/statusForm';
import { catchValidation, createdSession, expectValidation } from '../helpers/session';

describe('the status form', () => {
  it('Given funded with "£12,000.50", then the amount is sent in pence and any reason typed earlier is not', () => {
    expect(inputFrom('p-1', { status: 'funded', amountText: '£12,000.50', reason: 'left over' })).toEqual({
      proposalId: 'p-1',
      status: 'funded',
      amountPence: 1_200_050,
      reason: '',
    });
  });

  it('Given funded with no amount, words or zero, then the amount field gets the error', () => {
    expectValidation(
      () => inputFrom('p-1', { status: 'funded', amountText: '', reason: '' }),
      'required',
      'amountPence',
    );
    expectValidation(
      () => inputFrom('p-1', { status: 'funded', amountText: 'lots', reason: '' }),
      'notWholePence',
      'amountPence',
    );
    expectValidation(
      () => inputFrom('p-1', { status: 'funded', amountText: '0', reason: '' }),
      'amountNotPositive',
      'amountPence',
    );
  });

  it('Given funded with "£9,999,999,999", then the amount field says in words that it is over £100 million', () => {
    const typed = { status: 'funded' as const, amountText: '£9,999,999,999', reason: '' };
    const e = expectValidation(() => inputFrom('p-1', typed), 'fundedOverLimit', 'amountPence');
    addMessages('en', errorsOffice);
    expect(fieldErrors(makeTranslator('en'), e)).toEqual({
      amountPence:
        'That is more than £100,000,000, far more than any one proposal in a neighbourhood gets. Please check the amount: it may have a few zeros too many.',
    });
    // What was typed is the form's own state: inputFrom leaves it as it was.
    expect(typed.amountText).toBe('£9,999,999,999');
  });

  it('Given not taken forward with no reason, then the reason field gets the error; an amount typed earlier is not sent', () => {
    expectValidation(
      () => inputFrom('p-1', { status: 'not-taken-forward', amountText: '500', reason: ' ' }),
      'reasonNeeded',
      'reason',
    );
    expect(inputFrom('p-1', { status: 'done', amountText: '500', reason: 'x' })).toEqual({
      proposalId: 'p-1',
      status: 'done',
      amountPence: null,
      reason: '',
    });
  });

  it('Given anything typed under any status, when it is checked, then at most one field is wrong and it is the one box that status shows, so the editor never holds two errors', () => {
    // The editor keeps only fieldErrors of the one ValidationError inputFrom or the command throws: one key. Its
    // other control is the status, which shows or hides that box: editing either takes the error away, as
    // withoutError and errorsAfterEdit do on the kiosk's and the session's forms (an edited field and a partner).
    const box: Partial<Record<ProposalStatusKind, string>> = {
      funded: 'amountPence',
      'not-taken-forward': 'reason',
    };
    const amounts = ['', ' ', 'lots', '0', '-5', '12.345', '12.50', '£12,000.50', '1,00,000', '9999999999'];
    const reasons = ['', ' ', 'The hall is booked', 'x'.repeat(LIMITS.reasonLength + 1)];
    const t = makeTranslator('en');
    let refused = 0;
    for (const status of PROPOSAL_STATUSES) {
      for (const amountText of amounts) {
        for (const reason of reasons) {
          let caught: unknown = null;
          try {
            inputFrom('p-1', { status, amountText, reason });
          } catch (e) {
            caught = e;
          }
          if (caught === null) continue;
          refused += 1;
          const where = `${status} ${JSON.stringify(amountText)} ${reason.length}`;
          expect(isValidationError(caught), where).toBe(true);
          expect(Object.keys(fieldErrors(t, caught)), where).toEqual([box[status]]);
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('Given a save refused for the idea or the session (merged meanwhile, gone, saved by a newer app), when the officer edits the form, then that error stays until the next save; a field’s error goes', () => {
    addMessages('en', errorsOffice);
    const t = makeTranslator('en');
    const s = createdSession();
    const idea = { description: '', themeId: 'theme-green', costPence: 300_000, where: '' };
    const kept = addProposal(s.doc, { ...idea, title: 'Community garden' }, null, s.ctx);
    const copy = addProposal(s.doc, { ...idea, title: 'Garden for the community' }, null, s.ctx);
    s.clock.advance();
    // A facilitator's merge reached the officer's device while the form for the copy was open.
    mergeProposals(s.doc, copy, kept, s.ctx);
    const decide = (proposalId: string) => () =>
      setProposalStatus(s.doc, { proposalId, status: 'done', amountPence: null, reason: '' }, s.ctx);
    const merged = fieldErrors(t, catchValidation(decide(copy)));
    const gone = fieldErrors(t, catchValidation(decide('not-in-this-session')));
    maps(s.doc).meta.set('schemaVersion', 99);
    const newerApp = fieldErrors(t, catchValidation(decide(kept)));
    expect(Object.keys(merged)).toEqual(['proposalId']);
    expect(Object.keys(gone)).toEqual(['proposalId']);
    expect(newerApp).toEqual({ form: 'This session is read-only on this version of the app.' });

    for (const errors of [merged, gone, newerApp]) expect(errorsAfterEdit(errors)).toBe(errors);
    for (const amountText of ['', 'lots', '0']) {
      const amountError = fieldErrors(
        t,
        catchValidation(() => inputFrom(kept, { status: 'funded', amountText, reason: '' })),
      );
      expect(errorsAfterEdit(amountError)).toEqual({});
    }
    const reasonError = fieldErrors(
      t,
      catchValidation(() => inputFrom(kept, { status: 'not-taken-forward', amountText: '', reason: '' })),
    );
    expect(errorsAfterEdit(reasonError)).toEqual({});
    expect(errorsAfterEdit({ ...merged, status: 'Choose a status.' })).toEqual(merged);
  });

  it('Given a stored decision, then the form starts from it', () => {
    expect(
      typedFrom({
        id: 's',
        deviceId: 'd',
        at: 1,
        proposalId: 'p',
        status: 'funded',
        amountPence: 1_250,
        reason: '',
      }),
    ).toEqual({ status: 'funded', amountText: '12.50', reason: '' });
    expect(typedFrom(undefined)).toEqual({ status: 'submitted', amountText: '', reason: '' });
  });
});
