/**
 * A funding stream is money a public body spends in the area: one of £0 drew a slice of nothing on the money map
 * and a "0%" line. It is refused where an amount is written (a new session, a stream added or its amount changed),
 * in the facilitator's words beside the amount; a session saved before the rule, holding a £0 stream, still opens,
 * takes other edits, ends, and passes the shape checks of session files and the council server.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkDocShape } from '../../../src/doc/recordShapes';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { sessionChecks } from '../../../src/doc/sessionChecks';
import { createSession, endSession, updateSettings } from '../../../src/doc/sessionCommands';
import type { FundingStream, SessionSettings, SettingsEdit } from '../../../src/domain/types';
import { validateSettings } from '../../../src/domain/validateSettings';
import { formFromSettings, readForm } from '../../../src/ui/facilitator/formModel';
import '../../../src/ui/facilitator/messages';
import { addMessages, makeTranslator } from '../../../src/ui/i18n';
import cyErrorsOffice from '../../../src/ui/i18n/cy/errorsOffice.json';
import {
  createdSession,
  expectRefused,
  expectValidation,
  testContext,
  validSettings,
} from '../helpers/session';

const NOT_POSITIVE =
  'A funding stream must be more than zero: type what this public body spends here each year, or remove the stream.';

/** The test settings with the police's stream (the third, not poolable) at £0. */
function withPoliceAt(pence: number, settings: SessionSettings = validSettings()): FundingStream[] {
  return settings.fundingStreams.map((s) => (s.id === 'fs-police' ? { ...s, annualPence: pence } : s));
}

/** A session as an app before the rule saved it: its money map holds a £0 stream. */
function oldSessionWithZeroStream() {
  const s = createdSession();
  const edit: SettingsEdit = {
    id: 'edit-before-the-rule',
    deviceId: 'device-old',
    at: s.clock.now(),
    values: { fundingStreams: withPoliceAt(0) },
  };
  s.doc.transact(() => maps(s.doc).settings.set(edit.id, edit));
  s.clock.advance();
  return s;
}

describe('a funding stream of £0', () => {
  it('Given new settings with a £0 stream, when checked as written, then streamNotPositive names that stream’s amount; read back, they pass', () => {
    const settings = validSettings({ fundingStreams: withPoliceAt(0) });
    expectValidation(
      () => validateSettings(settings, { streamsBefore: [] }),
      'streamNotPositive',
      'fundingStreams.2.annualPence',
    );
    expect(validateSettings(settings).fundingStreams[2]!.annualPence).toBe(0);
    expect(
      validateSettings(validSettings({ fundingStreams: withPoliceAt(1) }), { streamsBefore: [] }),
    ).toBeTruthy();
  });

  it('Given a facilitator creating a session with a £0 stream, then it is refused and the document stays empty', () => {
    const doc = new Y.Doc();
    expectRefused(
      doc,
      () => createSession(doc, 's1', validSettings({ fundingStreams: withPoliceAt(0) }), testContext().ctx),
      'streamNotPositive',
      'fundingStreams.2.annualPence',
    );
  });

  it('Given a session, when a stream is changed to £0 or a new £0 stream is added, then each is refused', () => {
    const { doc, ctx } = createdSession();
    expectRefused(
      doc,
      () => updateSettings(doc, { fundingStreams: withPoliceAt(0) }, ctx),
      'streamNotPositive',
      'fundingStreams.2.annualPence',
    );
    const added = [
      ...validSettings().fundingStreams,
      { id: 'fs-new', publicBody: 'Job centre', service: 'Work coaches', annualPence: 0, isPoolable: false },
    ];
    expectRefused(
      doc,
      () => updateSettings(doc, { fundingStreams: added }, ctx),
      'streamNotPositive',
      'fundingStreams.3.annualPence',
    );
  });

  it('Given a session saved before the rule with a £0 stream, then it opens with no settings problem, passes the shape checks, takes other edits (the £0 stream kept) and ends', () => {
    const { doc, ctx } = oldSessionWithZeroStream();
    const view = viewSession(doc);
    expect(view?.settings.fundingStreams[2]!.annualPence).toBe(0);
    expect(sessionChecks(view!).settingsProblem).toBeNull();
    expect(checkDocShape(doc)).toEqual([]);

    updateSettings(doc, { venue: 'Ashfield library' }, ctx);
    const moreYouth = withPoliceAt(0).map((s) =>
      s.id === 'fs-youth' ? { ...s, annualPence: 4_500_000 } : s,
    );
    updateSettings(doc, { fundingStreams: moreYouth }, ctx);
    endSession(doc, ctx);
    const after = viewSession(doc)!.settings;
    expect(after.venue).toBe('Ashfield library');
    expect(after.fundingStreams.map((s) => s.annualPence)).toEqual([4_500_000, 6_000_000, 0]);
    expect(after.isEnded).toBe(true);
  });

  it('Given the session form with 0 as a stream’s amount, then the form says so beside it in English and Welsh; editing a session whose stream was already £0, it is kept', () => {
    addMessages('cy', cyErrorsOffice);
    const t = makeTranslator('en');
    const typed = formFromSettings(t, validSettings({ fundingStreams: withPoliceAt(0) }));
    const created = readForm(t, typed, null);
    expect(created.settings).toBeNull();
    expect(created.errors).toEqual({ 'fundingStreams.2.annualPence': NOT_POSITIVE });
    expect(readForm(makeTranslator('cy'), typed, null).errors['fundingStreams.2.annualPence']).toBe(
      cyErrorsOffice['error.streamNotPositive'],
    );

    const stored = withPoliceAt(0);
    const edited = readForm(t, typed, null, stored);
    expect(edited.errors).toEqual({});
    expect(edited.settings?.fundingStreams[2]!.annualPence).toBe(0);
    // Another stream of that session typed as 0 is refused all the same.
    const youthAtZero = {
      ...typed,
      streams: typed.streams.map((s, i) => (i === 0 ? { ...s, amount: '0' } : s)),
    };
    expect(readForm(t, youthAtZero, null, stored).errors).toEqual({
      'fundingStreams.0.annualPence': NOT_POSITIVE,
    });
  });
});
