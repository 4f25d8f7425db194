/**
 * An error from the last save stands down once its field is edited, on the kiosk and the session form alike;
 * the others stay until edited or saved again. The session form's errors come from the real readForm.
 */
import { describe, expect, it } from 'vitest';
import { withoutError } from '../../../src/ui/errors';
import { errorsAfterEdit, type FormState } from '../../../src/ui/facilitator/editedErrors';
import {
  emptyQuestion,
  emptyStream,
  formFromSettings,
  readForm,
  type FormValues,
  type PinValues,
} from '../../../src/ui/facilitator/formModel';
import '../../../src/ui/facilitator/messages';
import { makeTranslator } from '../../../src/ui/i18n';
import { validSettings } from '../helpers/session';

const t = makeTranslator('en');
const NO_PIN: PinValues = { isChanging: false, pin: '', confirm: '' };

/** A form as saved (refused): its state and the errors readForm found in it. */
function saved(
  values: FormValues,
  pin: PinValues = NO_PIN,
): { state: FormState; errors: Record<string, string> } {
  const errors = readForm(t, values, pin).errors;
  return { state: { values, pin }, errors };
}

const edit = (s: FormState, patch: Partial<FormValues>): FormState => ({
  ...s,
  values: { ...s.values, ...patch },
});

describe('an error from the last save, once its field is edited', () => {
  const good = formFromSettings(t, validSettings());

  it('Given a kiosk idea refused for its title and cost, when the title is typed in, then only the cost’s error stays', () => {
    const errors = {
      title: 'Please fill this in.',
      costPence: 'Please enter an amount of money, like 250 or 12.50.',
    };
    expect(withoutError(errors, 'title')).toEqual({ costPence: errors.costPence });
    // A field with no error: the very same errors, so nothing redraws.
    expect(withoutError(errors, 'where')).toBe(errors);
    expect(errors).toHaveProperty('title');
  });

  it('Given a session form refused for its title and venue, when the title is retyped, then the title’s error goes and the venue’s stays', () => {
    const { state, errors } = saved({ ...good, title: '', venue: '' });
    expect(Object.keys(errors)).toEqual(['title', 'venue']);
    const after = errorsAfterEdit(errors, state, edit(state, { title: 'W' }));
    expect(after).toEqual({ venue: errors.venue });
    // An edit of a field with no error keeps the same errors (the same object).
    expect(errorsAfterEdit(errors, state, edit(state, { neighbourhood: 'Westgate' }))).toBe(errors);
  });

  it('Given a money error, when the amount is retyped, then it goes; the pot over the poolable money stays while streams change', () => {
    const streams = [{ ...emptyStream(), publicBody: 'Council', service: 'Parks', amount: '12abc' }];
    const { state, errors } = saved({ ...good, streams, pot: '20' });
    expect(errors).toHaveProperty(['fundingStreams.0.annualPence']);
    const amountFixed = edit(state, { streams: [{ ...streams[0]!, amount: '12' }] });
    expect(errorsAfterEdit(errors, state, amountFixed)).not.toHaveProperty(['fundingStreams.0.annualPence']);

    const over = saved({ ...good, pot: '999999999' });
    expect(Object.keys(over.errors)).toEqual(['potPence']);
    const streamEdited = edit(over.state, {
      streams: over.state.values.streams.map((s, i) => (i === 0 ? { ...s, service: 'Parks' } : s)),
    });
    expect(errorsAfterEdit(over.errors, over.state, streamEdited)).toBe(over.errors);
    expect(errorsAfterEdit(over.errors, over.state, edit(over.state, { pot: '9' }))).toEqual({});
  });

  it('Given errors in funding streams 2 and 3, when stream 1 is removed, then each error stays with its own stream under its new number', () => {
    const rows = [
      { ...emptyStream(), publicBody: 'Council', service: 'Parks', amount: '100' },
      { ...emptyStream(), publicBody: '', service: 'Youth', amount: '100' },
      { ...emptyStream(), publicBody: 'Police', service: '', amount: '100' },
    ];
    const { state, errors } = saved({ ...good, streams: rows, pot: '1' });
    expect(Object.keys(errors)).toEqual(['fundingStreams.1.publicBody', 'fundingStreams.2.service']);
    const removedFirst = edit(state, { streams: rows.slice(1) });
    expect(errorsAfterEdit(errors, state, removedFirst)).toEqual({
      'fundingStreams.0.publicBody': errors['fundingStreams.1.publicBody'],
      'fundingStreams.1.service': errors['fundingStreams.2.service'],
    });
    // Removing the stream that had the error takes its error with it.
    const removedSecond = edit(state, { streams: [rows[0]!, rows[2]!] });
    expect(errorsAfterEdit(errors, state, removedSecond)).toEqual({
      'fundingStreams.1.service': errors['fundingStreams.2.service'],
    });
  });

  it('Given a theme and a question refused, when the theme is renamed and a question added, then only the theme’s error goes', () => {
    const themes = [...good.themes.slice(0, 1), { ...good.themes[0]!, id: 'theme-copy' }];
    const question = { ...emptyQuestion(), text: 'Your age?', options: 'Under 18' };
    const { state, errors } = saved({ ...good, themes, questions: [question] });
    expect(Object.keys(errors)).toEqual(['themes.1.name', 'aboutYou.0.options']);
    const renamed = edit(state, { themes: [themes[0]!, { ...themes[1]!, name: 'Parks' }] });
    expect(errorsAfterEdit(errors, state, renamed)).toEqual({
      'aboutYou.0.options': errors['aboutYou.0.options'],
    });
    const added = edit(state, { questions: [question, emptyQuestion()] });
    expect(errorsAfterEdit(errors, state, added)).toBe(errors);
    const answered = edit(state, { questions: [{ ...question, options: 'Under 18\n18 or over' }] });
    expect(errorsAfterEdit(errors, state, answered)).toEqual({ 'themes.1.name': errors['themes.1.name'] });
  });

  it('Given the dots refused, when another way of voting is chosen, then the dots’ errors go with their boxes', () => {
    const { state, errors } = saved({ ...good, methodKind: 'dots', dots: '0', maxPerIdea: 'x' });
    expect(Object.keys(errors).sort()).toEqual(['method.dotsPerParticipant', 'method.maxDotsPerProposal']);
    expect(errorsAfterEdit(errors, state, edit(state, { dots: '5' }))).toEqual({
      'method.maxDotsPerProposal': errors['method.maxDotsPerProposal'],
    });
    expect(errorsAfterEdit(errors, state, edit(state, { methodKind: 'ranking' }))).toEqual({});
  });

  it('Given the PIN and its confirmation refused, when the confirmation is retyped, then the PIN’s error stays', () => {
    const { state, errors } = saved(good, { isChanging: true, pin: '12', confirm: '' });
    expect(Object.keys(errors)).toEqual(['pin']);
    const mismatch = saved(good, { isChanging: true, pin: '2468', confirm: '1357' });
    expect(Object.keys(mismatch.errors)).toEqual(['pinConfirm']);
    const retyped = { ...mismatch.state, pin: { ...mismatch.state.pin, confirm: '2' } };
    expect(errorsAfterEdit(mismatch.errors, mismatch.state, retyped)).toEqual({});
    const confirmTyped = { ...state, pin: { ...state.pin, confirm: '12' } };
    expect(errorsAfterEdit(errors, state, confirmTyped)).toBe(errors);
  });

  it('Given Welsh wording refused, when its consent is retyped or Welsh is turned off, then its error goes', () => {
    const values: FormValues = {
      ...good,
      languages: ['en', 'cy'],
      wordingLanguage: 'en',
      translations: { cy: { consentText: 'x'.repeat(5000), questions: {} } },
    };
    const { state, errors } = saved(values);
    expect(Object.keys(errors)).toEqual(['translations.cy.consentText']);
    const retyped = edit(state, { translations: { cy: { consentText: 'Cytuno', questions: {} } } });
    expect(errorsAfterEdit(errors, state, retyped)).toEqual({});
    expect(errorsAfterEdit(errors, state, edit(state, { languages: ['en'] }))).toEqual({});
    expect(errorsAfterEdit(errors, state, edit(state, { title: 'Other' }))).toBe(errors);
  });

  it('Given a save storage refused, when anything is edited, then that error stays until the next save', () => {
    const state: FormState = { values: good, pin: NO_PIN };
    const errors = { form: 'This device is out of storage space.' };
    expect(errorsAfterEdit(errors, state, edit(state, { title: 'Other' }))).toBe(errors);
  });
});

describe('an error that two fields made together, once either of them is edited', () => {
  const good = formFromSettings(makeTranslator('en'), validSettings());

  it('Given the PINs that do not match, when the PIN itself is retyped to match the confirmation, then “not the same” goes', () => {
    const mismatch = saved(good, { isChanging: true, pin: '2468', confirm: '1357' });
    expect(mismatch.errors).toEqual({ pinConfirm: t('fac.form.pinMismatch') });
    const pinRetyped = { ...mismatch.state, pin: { ...mismatch.state.pin, pin: '1357' } };
    expect(errorsAfterEdit(mismatch.errors, mismatch.state, pinRetyped)).toEqual({});
    expect(readForm(t, pinRetyped.values, pinRetyped.pin).errors).toEqual({});

    // A confirmation left empty is still empty whatever the PIN: its error stays until it is typed.
    const missing = saved(good, { isChanging: true, pin: '2468', confirm: '' });
    expect(Object.keys(missing.errors)).toEqual(['pinConfirm']);
    const pinEdited = { ...missing.state, pin: { ...missing.state.pin, pin: '1357' } };
    expect(errorsAfterEdit(missing.errors, missing.state, pinEdited)).toBe(missing.errors);
  });

  it('Given the pot over the poolable money, when a stream’s amount or its poolable box changes the total, then the pot’s error (with the old total) goes', () => {
    const over = saved({ ...good, pot: '150000' });
    expect(Object.keys(over.errors)).toEqual(['potPence']);
    expect(over.errors.potPence).toContain('£100,000');
    const raised = edit(over.state, {
      streams: over.state.values.streams.map((s, i) => (i === 0 ? { ...s, amount: '90000' } : s)),
    });
    expect(errorsAfterEdit(over.errors, over.state, raised)).toEqual({});
    expect(readForm(t, raised.values, NO_PIN).errors).toEqual({});
    const pooled = edit(over.state, {
      streams: over.state.values.streams.map((s, i) => (i === 2 ? { ...s, isPoolable: true } : s)),
    });
    expect(errorsAfterEdit(over.errors, over.state, pooled)).toEqual({});

    // A pot that is not money is about the pot alone: the streams do not take its error away.
    const notMoney = saved({ ...good, pot: '12abc' });
    expect(Object.keys(notMoney.errors)).toEqual(['potPence']);
    const streamRaised = edit(notMoney.state, { streams: raised.values.streams });
    expect(errorsAfterEdit(notMoney.errors, notMoney.state, streamRaised)).toBe(notMoney.errors);
  });

  it('Given the most dots on one idea over the dots in all, when the dots in all are raised, then the most on one idea’s error goes', () => {
    const { state, errors } = saved({ ...good, methodKind: 'dots', dots: '5', maxPerIdea: '8' });
    expect(Object.keys(errors)).toEqual(['method.maxDotsPerProposal']);
    const raised = edit(state, { dots: '10' });
    expect(errorsAfterEdit(errors, state, raised)).toEqual({});
    expect(readForm(t, raised.values, NO_PIN).errors).toEqual({});

    // Not a whole number is about the box alone.
    const notWhole = saved({ ...good, methodKind: 'dots', dots: '5', maxPerIdea: 'x' });
    expect(errorsAfterEdit(notWhole.errors, notWhole.state, edit(notWhole.state, { dots: '10' }))).toBe(
      notWhole.errors,
    );
  });

  it('Given a theme named twice, when the first of the two is renamed or removed, then the second’s “there twice” goes; other themes leave it', () => {
    const themes = [
      { id: 'a', name: 'Parks' },
      { id: 'b', name: 'Safety' },
      { id: 'c', name: 'parks ' },
      { id: 'd', name: 'Health' },
    ];
    const { state, errors } = saved({ ...good, themes });
    expect(Object.keys(errors)).toEqual(['themes.2.name']);
    const renamed = edit(state, { themes: themes.map((th, i) => (i === 0 ? { ...th, name: 'Play' } : th)) });
    expect(errorsAfterEdit(errors, state, renamed)).toEqual({});
    expect(readForm(t, renamed.values, NO_PIN).errors).toEqual({});
    const removed = edit(state, { themes: themes.slice(1) });
    expect(errorsAfterEdit(errors, state, removed)).toEqual({});

    // Another theme removed or renamed: still there twice, under its new number.
    const otherRemoved = edit(state, { themes: [themes[0]!, themes[2]!, themes[3]!] });
    expect(errorsAfterEdit(errors, state, otherRemoved)).toEqual({
      'themes.1.name': errors['themes.2.name'],
    });
    const otherRenamed = edit(state, {
      themes: themes.map((th, i) => (i === 3 ? { ...th, name: 'Play' } : th)),
    });
    expect(errorsAfterEdit(errors, state, otherRenamed)).toBe(errors);
  });
});
