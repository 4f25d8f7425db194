/**
 * Devices by the names people gave them (src/domain/devices.ts, `nameDevice`): one name per device in force,
 * the same on every device whatever order the records arrived in, and only the writers the change rules allow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProposal, castBallot, startParticipant } from '../../../src/doc/commands';
import { nameDevice } from '../../../src/doc/deviceCommands';
import { checkRecord } from '../../../src/doc/recordShapes';
import { MAPS } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { deviceLabel, effectiveDeviceNames, shortCode } from '../../../src/domain/devices';
import { ballotsCsv } from '../../../src/domain/results/csv';
import { exportJson } from '../../../src/domain/results/json';
import type { DeviceName } from '../../../src/domain/types';
import { UpdateGate } from '../../../src/server/validation';
import { recordChanges, roleProblems, type Changes } from '../../../src/sync/changeRules';
import {
  createdSession,
  exchange,
  expectOneCommandTransaction,
  expectRefused,
  recordTransactions,
  replicaOf,
  testContext,
} from '../helpers/session';

const TABLET = '3f9a2c41-0b7d-4e55-9a1c-2f0e8d6b7a10';

describe('deviceLabel', () => {
  it('Given a device named in the session, Then it is shown by that name', () => {
    const s = createdSession();
    nameDevice(s.doc, { namedDeviceId: TABLET, name: '  Tablet 3 (blue case) ' }, s.ctx);
    const view = viewSession(s.doc);
    expect(deviceLabel(TABLET, view)).toBe('Tablet 3 (blue case)');
  });

  it('Given a device nobody named, Then it is "Tablet" and the same short code everywhere', () => {
    const view = viewSession(createdSession().doc);
    expect(shortCode(TABLET)).toBe('3f9a');
    expect(deviceLabel(TABLET, view)).toBe('Tablet 3f9a');
    expect(deviceLabel(TABLET, null)).toBe('Tablet 3f9a');
    expect(deviceLabel(TABLET, view, (code) => `Appareil ${code}`)).toBe('Appareil 3f9a');
  });
});

describe('nameDevice', () => {
  it('Given a name, When it is given, Then one record is written in one transaction', () => {
    const s = createdSession();
    const origins = recordTransactions(s.doc);
    const id = nameDevice(s.doc, { namedDeviceId: TABLET, name: 'Tablet 3' }, s.ctx);
    expectOneCommandTransaction(origins, 'nameDevice', 'device-a');
    expect(s.doc.getMap(MAPS.devices).get(id)).toEqual({
      id,
      deviceId: 'device-a',
      at: s.clock.now(),
      namedDeviceId: TABLET,
      name: 'Tablet 3',
    });
  });

  it('Given the name already in force, When it is given again, Then nothing is written', () => {
    const s = createdSession();
    const first = nameDevice(s.doc, { namedDeviceId: TABLET, name: 'Tablet 3' }, s.ctx);
    s.clock.advance();
    expect(nameDevice(s.doc, { namedDeviceId: TABLET, name: 'Tablet 3 ' }, s.ctx)).toBe(first);
    expect(s.doc.getMap(MAPS.devices).size).toBe(1);
  });

  it('Given an empty or too long name, Then it is refused and the document is unchanged', () => {
    const s = createdSession();
    expectRefused(s.doc, () => nameDevice(s.doc, { namedDeviceId: TABLET, name: '   ' }, s.ctx), 'required');
    expectRefused(
      s.doc,
      () => nameDevice(s.doc, { namedDeviceId: TABLET, name: 'x'.repeat(61) }, s.ctx),
      'tooLong',
    );
  });

  it('Given a rename, Then the later name is in force and the earlier stays as history', () => {
    const s = createdSession();
    nameDevice(s.doc, { namedDeviceId: TABLET, name: 'Tablet 3' }, s.ctx);
    s.clock.advance();
    nameDevice(s.doc, { namedDeviceId: TABLET, name: 'Tablet 3 (blue case)' }, s.ctx);
    expect(viewSession(s.doc)?.deviceNames.get(TABLET)).toBe('Tablet 3 (blue case)');
    expect(s.doc.getMap(MAPS.devices).size).toBe(2);
  });
});

describe('names merged from two devices', () => {
  it('Given two devices named one tablet apart, When they merge either way, Then both show the later name', () => {
    const a = createdSession();
    const b = { doc: replicaOf(a.doc), ...testContext('device-b', { startAt: a.clock.now() }) };
    nameDevice(a.doc, { namedDeviceId: TABLET, name: 'Blue tablet' }, a.ctx);
    b.clock.advance(5_000);
    nameDevice(b.doc, { namedDeviceId: TABLET, name: 'Tablet 3' }, b.ctx);
    const aFirst = replicaOf(a.doc);
    Y.applyUpdate(aFirst, Y.encodeStateAsUpdate(b.doc));
    const bFirst = replicaOf(b.doc);
    Y.applyUpdate(bFirst, Y.encodeStateAsUpdate(a.doc));
    exchange(a.doc, b.doc);
    for (const doc of [a.doc, b.doc, aFirst, bFirst]) {
      expect(deviceLabel(TABLET, viewSession(doc))).toBe('Tablet 3');
    }
  });

  it('Given any set of name records in any order, Then the name in force is the same', () => {
    const record = fc.record({
      id: fc.constantFrom('n1', 'n2', 'n3', 'n4', 'n5'),
      at: fc.integer({ min: 0, max: 3 }),
      namedDeviceId: fc.constantFrom('tablet-1', 'tablet-2'),
      name: fc.constantFrom('Red', 'Blue', 'Tablet 3'),
      deviceId: fc.constantFrom('device-a', 'device-b'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(record, { selector: (r) => r.id, maxLength: 5 }),
        fc.func(fc.integer()),
        (records: DeviceName[], key) => {
          const shuffled = [...records].sort((x, y) => key(x.id) - key(y.id));
          expect([...effectiveDeviceNames(shuffled)].sort()).toEqual(
            [...effectiveDeviceNames(records)].sort(),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('who may name a device', () => {
  const named = (writer: string, device: string): DeviceName => ({
    id: `name-${writer}-${device}`,
    deviceId: writer,
    at: 1,
    namedDeviceId: device,
    name: 'Tablet 3',
  });

  function problemsOf(role: 'facilitator' | 'officer', record: DeviceName): string[] {
    const s = createdSession();
    const live = replicaOf(s.doc);
    const changed = replicaOf(s.doc);
    changed.getMap(MAPS.devices).set(record.id, record);
    const gate = new UpdateGate('session-1', live);
    return gate
      .check(Y.encodeStateAsUpdate(changed, Y.encodeStateVector(live)), role)
      .map((p) => `${p.map} ${p.problem}`);
  }

  it('Given a facilitator device, Then the council server lets it name any device', () => {
    expect(problemsOf('facilitator', named('laptop', TABLET))).toEqual([]);
  });

  it('Given an officer device, Then it may name itself but no other device', () => {
    expect(problemsOf('officer', named('officer-pc', 'officer-pc'))).toEqual([]);
    expect(problemsOf('officer', named('officer-pc', TABLET))).toEqual(['devices notAllowed']);
  });

  it('Given the role rule without the document, Then an officer device’s name is refused to be safe', () => {
    const doc = replicaOf(createdSession().doc);
    const changes: Changes = new Map();
    recordChanges(doc, () => changes);
    const r = named('officer-pc', 'officer-pc');
    doc.getMap(MAPS.devices).set(r.id, r);
    expect(roleProblems(changes, 'officer').map((p) => p.problem)).toEqual(['notAllowed']);
    expect(roleProblems(changes, 'officer', doc)).toEqual([]);
    expect(roleProblems(changes, 'facilitator', doc)).toEqual([]);
  });

  it('Given a name record rewritten or malformed, Then the checks refuse it', () => {
    const s = createdSession();
    const id = nameDevice(s.doc, { namedDeviceId: TABLET, name: 'Tablet 3' }, s.ctx);
    const live = replicaOf(s.doc);
    const changed = replicaOf(s.doc);
    changed.getMap(MAPS.devices).set(id, { ...named('device-a', TABLET), id, name: 'Renamed in place' });
    const gate = new UpdateGate('session-1', live);
    expect(
      gate
        .check(Y.encodeStateAsUpdate(changed, Y.encodeStateVector(live)), 'facilitator')
        .map((p) => p.problem),
    ).toEqual(['rewritten']);
    expect(checkRecord('devices', 'n1', { ...named('a', 'b'), id: 'n1', name: '' })).toEqual([
      { map: 'devices', key: 'n1', field: 'name', problem: 'empty' },
    ]);
    expect(checkRecord('devices', 'n2', { ...named('a', 'b'), id: 'n2' }).map((p) => p.problem)).toEqual([]);
  });
});

describe('exports name devices as the screens do', () => {
  it('Given a ballot cast on a named tablet, Then the CSV keeps the device id and adds its name, and the JSON lists devices', () => {
    const s = createdSession();
    const idea = addProposal(
      s.doc,
      { title: 'Youth club', description: '', themeId: 'theme-young', costPence: 100_000, where: '' },
      null,
      s.ctx,
    );
    const who = startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
    castBallot(s.doc, who, { kind: 'dots', dots: { [idea]: 2 } }, s.ctx);
    nameDevice(s.doc, { namedDeviceId: 'device-a', name: 'Tablet 3 (blue case)' }, s.ctx);
    const view = viewSession(s.doc)!;
    const [header, row] = ballotsCsv(view).trim().split(/\r?\n/);
    const columns = header!.split(',');
    const cells = row!.split(',');
    expect(cells[columns.indexOf('device_id')]).toBe('device-a');
    expect(cells[columns.indexOf('device_name')]).toBe('Tablet 3 (blue case)');
    expect(exportJson(view).devices).toEqual([
      { id: 'device-a', name: 'Tablet 3 (blue case)', isNamed: true },
    ]);
  });
});
