/**
 * The council admin's commands (`npm run admin -- <command>`), on the SQLite file in DATA_DIR. Safe to run while
 * the server runs (SQLite WAL). Every mistake in the command line is a sentence and exit code 2.
 *
 * In English or Welsh (adminWords.ts): `--lang en|cy` on any command, else the environment (languageFromEnv),
 * else English. Only words change with the language: ids, roles, kinds, timestamps and the columns of a
 * listing stay the same, and `--json` is the same in both.
 */
import { renderUnicodeCompact } from 'uqr';
import { assign, listAssignments, unassign, type Target } from './assignments';
import { createEnrolCode, isRole, listDevices, revokeDevice } from './devices';
import { backupDatabase, fileProblem, openCouncilDatabase } from './adminDatabase';
import { listParticipants, localMinute } from './adminParticipants';
import { CompactionError, compactAll, compactSession, type CompactionResult } from './compaction';
import { makeCouncilKey } from './councilKey';
import { eraseAnswersCommand } from './eraseCommand';
import { RollbackError, rollbackDevice } from './rollback';
import { allowRelay, DEFAULT_RELAY_HOURS, endRelay, listRelays, MAX_RELAY_HOURS } from './relayPermits';
import { ADMIN_DEVICE, isSessionId, type Store } from './store';
import { chooseLanguage, type Command, parse, parseMistake, UsageError, type Values } from './adminArgs';
import { type AdminLang, countOf, type Say, wordsFor } from './adminWords';

/**
 * A moment for the admin to read, in this computer's local time (or `timeZone`): "14:30 on 12 December 2026",
 * in Welsh "14:30 ar 12 Rhagfyr 2026". Anything unreadable is shown as given.
 */
export function untilInWords(at: string | number, timeZone?: string, lang: AdminLang = 'en'): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const zone = timeZone ? { timeZone } : {};
  const locale = lang === 'cy' ? 'cy-GB' : 'en-GB';
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', ...zone }).format(d);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', ...zone }).format(d);
  return wordsFor(lang)('until', { time, date });
}

/** The `--help` text in English; `usage('cy')` in Welsh. */
export function usage(lang: AdminLang): string {
  return wordsFor(lang)('usage');
}

export const USAGE = usage('en');

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Columns two spaces apart, the same in every language (only the headings are translated). */
function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export async function runAdmin(argv: string[], env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  const chosen = chooseLanguage(argv, env);
  if ('mistake' in chosen) {
    io.err(chosen.mistake);
    return 2;
  }
  const { lang } = chosen;
  const say = wordsFor(lang);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv, say);
  } catch (e) {
    // A word that is no command gets the whole usage; a mistake in one option, its sentence and where to look.
    if (!(e instanceof UsageError)) io.err(`${parseMistake(e, say)} ${say('seeHelp')}`);
    else io.err(e.showUsage ? `${e.message}\n\n${usage(lang)}` : e.message);
    return 2;
  }
  const { command, values, positionals } = parsed;
  if (command === 'help') {
    io.out(usage(lang));
    return 0;
  }
  try {
    return await runOnFiles(command, values, positionals, env, io, lang);
  } catch (e) {
    // A missing folder or one this user may not write: a sentence, not Node's "ENOENT: no such file…".
    const problem = fileProblem(e, say);
    if (problem === null) throw e;
    io.err(problem);
    return 2;
  }
}

async function runOnFiles(
  command: Command,
  values: Values,
  positionals: string[],
  env: NodeJS.ProcessEnv,
  io: Output,
  lang: AdminLang,
): Promise<number> {
  const say = wordsFor(lang);
  if (command === 'council-key') {
    // Before the database opens: the council's private key never goes near it.
    const made = await makeCouncilKey(positionals, say, new Date());
    if (!made.ok) {
      io.err(made.mistake);
      return 2;
    }
    if (values.json) io.out(JSON.stringify({ kid: made.kid, publicKey: made.publicKey, file: made.file }));
    else io.out(say('councilKeyMade', { kid: made.kid, file: made.file, publicKey: made.publicKey }));
    return 0;
  }
  const opened = openCouncilDatabase(env, say);
  if (!opened.ok) {
    io.err(opened.mistake);
    return 2;
  }
  const { store, file } = opened;
  // Which database, on every run. On stderr, beside the command's mistakes: what it prints on stdout (a listing,
  // --json) stays the same for a script or a pipe.
  io.err(say('councilDatabase', { file }));
  try {
    return await run(store, file, command, values, positionals, io, lang);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    if (e instanceof CompactionError) {
      const session = values.session ?? '';
      io.err(
        e.reason === 'noSession'
          ? say('compactNoSession', { session })
          : say('compactIncomplete', { session }),
      );
      return 2;
    }
    if (e instanceof RollbackError) {
      const session = values.session ?? '';
      const device = values.device ?? '';
      if (e.reason === 'noSession') io.err(say('rollbackNoSession', { session }));
      else if (!isDevice(store, device)) io.err(noSuchDevice(store, device, say));
      else io.err(say('rollbackNoUpdates', { device, session }));
      return 2;
    }
    throw e;
  } finally {
    store.close();
  }
}

/** The device and what to assign from `assign`/`unassign`'s arguments; a UsageError in words otherwise. */
function assignmentArgs(
  store: Store,
  command: 'assign' | 'unassign',
  values: Values,
  positionals: string[],
  say: Say,
): { deviceId: string; target: Target } {
  const [deviceId, sessionId, extra] = positionals;
  const example = say('assignExample', { command });
  if (deviceId === undefined) throw new UsageError(say('sayWhichDevice', { example }));
  const device = listDevices(store).find((d) => d.id === deviceId);
  if (!device) throw new UsageError(noSuchDevice(store, deviceId, say));
  if (extra !== undefined) throw new UsageError(say('oneSessionAtATime', { example }));
  const neighbourhood = values.neighbourhood?.trim();
  if (sessionId !== undefined && neighbourhood !== undefined) {
    throw new UsageError(say('sessionOrNeighbourhood', { example }));
  }
  let target: Target;
  if (neighbourhood !== undefined) {
    if (neighbourhood === '') throw new UsageError(say('neighbourhoodEmpty'));
    if (neighbourhood.length > 100) throw new UsageError(say('neighbourhoodTooLong'));
    target = { kind: 'neighbourhood', value: neighbourhood };
  } else {
    if (sessionId === undefined) throw new UsageError(say('sayWhichSession', { example }));
    checkSessionId(store, sessionId, say);
    if (!isSessionId(sessionId)) throw new UsageError(say('notASessionId', { value: sessionId }));
    target = { kind: 'session', value: sessionId.toLowerCase() };
  }
  if (command === 'assign') {
    if (device.role === 'officer') throw new UsageError(say('officerDevice', { device: deviceId }));
    if (device.revokedAt !== null) throw new UsageError(say('revokedDevice', { device: deviceId }));
  }
  return { deviceId, target };
}

/**
 * The officer device and session of `allow-relay`/`end-relay`: an enrolled officer device that is not revoked (a
 * facilitator device may relay already) and a whole session id; a UsageError in words otherwise.
 */
function relayArgs(
  store: Store,
  command: 'allow-relay' | 'end-relay',
  values: Values,
  say: Say,
): { deviceId: string; sessionId: string } {
  const deviceId = values.device;
  const session = values.session;
  if (deviceId === undefined || session === undefined || !isSessionId(session)) {
    throw new UsageError(say('relayWhich', { command }));
  }
  const device = listDevices(store).find((d) => d.id === deviceId);
  if (!device) throw new UsageError(noSuchDevice(store, deviceId, say));
  if (device.role !== 'officer') throw new UsageError(say('relayFacilitator', { device: deviceId }));
  if (device.revokedAt !== null) throw new UsageError(say('relayRevoked', { device: deviceId }));
  return { deviceId, sessionId: session.toLowerCase() };
}

/** "There is no device …", saying the whole id is needed, and which one was meant if only one starts so. */
function noSuchDevice(store: Store, deviceId: string, say: Say): string {
  const meant = listDevices(store).filter((d) => d.id.startsWith(deviceId));
  return meant.length === 1 && meant[0] !== undefined
    ? say('noDeviceMeant', { device: deviceId, match: meant[0].id })
    : say('noDevice', { device: deviceId });
}

/** An enrolled device, or the admin's own (rollbacks and erasures). */
function isDevice(store: Store, deviceId: string): boolean {
  return deviceId === ADMIN_DEVICE || listDevices(store).some((d) => d.id === deviceId);
}

/** Refuses a device id that is no enrolled device, in words (noSuchDevice). */
function checkDeviceId(store: Store, deviceId: string, say: Say): void {
  if (!isDevice(store, deviceId)) throw new UsageError(noSuchDevice(store, deviceId, say));
}

/** A short session id that starts exactly one stored session: say the whole id is needed, and which it was. */
function checkSessionId(store: Store, value: string | undefined, say: Say): void {
  if (value === undefined || value.trim() === '' || isSessionId(value)) return;
  const meant = store
    .statement("SELECT DISTINCT session_id AS id FROM updates WHERE session_id LIKE ? ESCAPE '\\' LIMIT 2")
    .all(`${value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as { id: string }[];
  if (meant.length === 1 && meant[0] !== undefined) {
    throw new UsageError(say('wholeSessionId', { value, match: meant[0].id }));
  }
}

/** One of the sentences about a device and a session or a neighbourhood, in the admin's language. */
function aboutTarget(
  say: Say,
  keys: {
    session: 'assignedSession' | 'alreadySession' | 'notAssignedSession' | 'unassignedSession';
    neighbourhood:
      | 'assignedNeighbourhood'
      | 'alreadyNeighbourhood'
      | 'notAssignedNeighbourhood'
      | 'unassignedNeighbourhood';
  },
  device: string,
  target: Target,
): string {
  return target.kind === 'session'
    ? say(keys.session, { device, session: target.value })
    : say(keys.neighbourhood, { device, neighbourhood: target.value });
}

async function run(
  store: Store,
  file: string,
  command: Command,
  values: Values,
  positionals: string[],
  io: Output,
  lang: AdminLang,
): Promise<number> {
  const say = wordsFor(lang);
  const needNoPositionals = (): void => {
    const [first] = positionals;
    if (first !== undefined) throw new UsageError(say('takesNo', { command, value: first }));
  };
  checkSessionId(store, values.session, say);
  switch (command) {
    case 'enrol': {
      needNoPositionals();
      if (values.role === undefined) throw new UsageError(say('roleMissing'));
      if (!isRole(values.role)) throw new UsageError(say('notARole', { role: values.role }));
      const name = values.name?.trim() ?? '';
      if (name === '') throw new UsageError(say('nameMissing'));
      if (name.length > 100) throw new UsageError(say('nameTooLong'));
      const rawMinutes = values['expires-minutes'] ?? '60';
      if (!/^\d+$/.test(rawMinutes) || Number(rawMinutes) < 1 || Number(rawMinutes) > 7 * 24 * 60) {
        throw new UsageError(say('expiresMinutes'));
      }
      const code = createEnrolCode(store, values.role, name, Number(rawMinutes));
      if (values.json) io.out(JSON.stringify(code));
      else {
        const role = say(code.role === 'officer' ? 'roleOfficer' : 'roleFacilitator');
        const until = untilInWords(code.expiresAt, undefined, lang);
        io.out(
          say('enrolled', { name: code.name, role, code: code.code, until }) +
            '\n\n' +
            renderUnicodeCompact(code.code, { border: 2 }),
        );
      }
      return 0;
    }
    case 'devices': {
      needNoPositionals();
      const devices = listDevices(store);
      if (values.json) io.out(JSON.stringify(devices));
      else if (devices.length === 0) io.out(say('noDevices'));
      else {
        io.out(
          table([
            [
              say('devicesId'),
              say('devicesName'),
              say('devicesCodeName'),
              say('devicesRole'),
              say('devicesEnrolled'),
              say('devicesRevoked'),
            ],
            ...devices.map((d) => [d.id, d.name, d.codeName || '-', d.role, d.createdAt, d.revokedAt ?? '-']),
          ]),
        );
      }
      return 0;
    }
    case 'revoke': {
      const [deviceId, extra] = positionals;
      if (deviceId === undefined) throw new UsageError(say('revokeWhich'));
      if (extra !== undefined) throw new UsageError(say('revokeOne'));
      if (!revokeDevice(store, deviceId)) throw new UsageError(noSuchDevice(store, deviceId, say));
      io.out(say('revoked', { device: deviceId }));
      return 0;
    }
    case 'assign':
    case 'unassign': {
      const { deviceId, target } = assignmentArgs(store, command, values, positionals, say);
      if (command === 'assign') {
        const added = assign(store, deviceId, target);
        io.out(
          added
            ? aboutTarget(
                say,
                { session: 'assignedSession', neighbourhood: 'assignedNeighbourhood' },
                deviceId,
                target,
              )
            : aboutTarget(
                say,
                { session: 'alreadySession', neighbourhood: 'alreadyNeighbourhood' },
                deviceId,
                target,
              ),
        );
        return 0;
      }
      if (!unassign(store, deviceId, target)) {
        throw new UsageError(
          aboutTarget(
            say,
            { session: 'notAssignedSession', neighbourhood: 'notAssignedNeighbourhood' },
            deviceId,
            target,
          ),
        );
      }
      io.out(
        aboutTarget(
          say,
          { session: 'unassignedSession', neighbourhood: 'unassignedNeighbourhood' },
          deviceId,
          target,
        ),
      );
      return 0;
    }
    case 'assignments': {
      const [deviceId, extra] = positionals;
      if (extra !== undefined) throw new UsageError(say('assignmentsOne'));
      if (deviceId !== undefined) checkDeviceId(store, deviceId, say);
      const assignments = listAssignments(store, deviceId);
      if (values.json) io.out(JSON.stringify(assignments));
      else if (assignments.length === 0)
        io.out(
          deviceId === undefined ? say('noAssignments') : say('deviceNoAssignment', { device: deviceId }),
        );
      else {
        io.out(
          table([
            [
              say('assignmentsDevice'),
              say('assignmentsKind'),
              say('assignmentsValue'),
              say('assignmentsAssigned'),
            ],
            ...assignments.map((a) => [a.deviceId, a.kind, a.value, a.assignedAt]),
          ]),
        );
      }
      return 0;
    }
    case 'updates': {
      needNoPositionals();
      if (values.device === undefined) throw new UsageError(say('updatesWhose'));
      if (values.session !== undefined && !isSessionId(values.session)) {
        throw new UsageError(say('notASessionIdShort', { value: values.session }));
      }
      const updates = store.listUpdates(values.device, values.session);
      if (updates.length === 0) checkDeviceId(store, values.device, say);
      if (values.json) io.out(JSON.stringify(updates));
      else if (updates.length === 0) io.out(say('noUpdates', { device: values.device }));
      else {
        io.out(
          table([
            [say('updatesId'), say('updatesSession'), say('updatesReceived'), say('updatesBytes')],
            ...updates.map((u) => [String(u.id), u.sessionId, u.receivedAt, String(u.bytes)]),
          ]),
        );
      }
      return 0;
    }
    case 'rollback': {
      needNoPositionals();
      if (values.session === undefined || !isSessionId(values.session)) {
        throw new UsageError(say('rollbackSession'));
      }
      if (values.device === undefined) throw new UsageError(say('rollbackDevice'));
      const result = rollbackDevice(store, values.session, values.device);
      if (values.json) io.out(JSON.stringify(result));
      else {
        io.out(
          result.updateId === null
            ? say('nothingToRollBack', { session: result.sessionId, device: result.deviceId })
            : say('rolledBack', {
                device: result.deviceId,
                session: result.sessionId,
                removed: countOf(say, result.keysRemoved, 'records'),
                restored: result.keysRestored,
              }),
        );
      }
      return 0;
    }
    case 'allow-relay':
    case 'end-relay': {
      needNoPositionals();
      // The number first: `--hours -1` is wrong whatever the device and the session.
      const rawHours = values.hours ?? String(DEFAULT_RELAY_HOURS);
      if (!/^\d+$/.test(rawHours) || Number(rawHours) < 1 || Number(rawHours) > MAX_RELAY_HOURS) {
        throw new UsageError(say('relayHours'));
      }
      const { deviceId, sessionId } = relayArgs(store, command, values, say);
      if (command === 'end-relay') {
        if (!endRelay(store, deviceId, sessionId)) {
          throw new UsageError(say('relayNone', { device: deviceId, session: sessionId }));
        }
        io.out(say('relayEnded', { device: deviceId, session: sessionId }));
        return 0;
      }
      const permit = allowRelay(store, deviceId, sessionId, Number(rawHours));
      if (values.json) io.out(JSON.stringify(permit));
      else {
        const until = untilInWords(permit.expiresAt, undefined, lang);
        io.out(say('relayAllowed', { device: deviceId, session: sessionId, until }));
      }
      return 0;
    }
    case 'relays': {
      needNoPositionals();
      const permits = listRelays(store);
      if (values.json) io.out(JSON.stringify(permits));
      else if (permits.length === 0) io.out(say('relaysNone'));
      else {
        io.out(
          table([
            [say('assignmentsDevice'), say('updatesSession'), say('relaysGranted'), say('relaysUntil')],
            ...permits.map((p) => [p.deviceId, p.sessionId, p.grantedAt, p.expiresAt]),
          ]),
        );
      }
      return 0;
    }
    case 'compact': {
      needNoPositionals();
      if (values.session !== undefined && !isSessionId(values.session))
        throw new UsageError(say('compactSession'));
      const results: CompactionResult[] =
        values.session === undefined ? compactAll(store) : [compactSession(store, values.session)];
      // Give the freed pages back to the file system (the server may run: VACUUM waits for its writes).
      if (results.length > 0) store.db.exec('VACUUM');
      if (values.json) io.out(JSON.stringify(results));
      else if (results.length === 0) io.out(say('compactNothing'));
      else
        io.out(
          results
            .map((r) =>
              say('compacted', {
                session: r.sessionId,
                rowsBefore: r.rowsBefore,
                rowsAfter: r.rowsAfter,
                bytesBefore: r.bytesBefore,
                bytesAfter: r.bytesAfter,
                snapshotBytes: r.snapshotBytes,
              }),
            )
            .join('\n'),
        );
      return 0;
    }
    case 'erase-answers': {
      needNoPositionals();
      const done = eraseAnswersCommand(store, values, say);
      if (!done.ok) throw new UsageError(done.mistake);
      io.out(done.text);
      return done.someFailed ? 1 : 0;
    }
    case 'participants': {
      needNoPositionals();
      const session = values.session;
      if (session === undefined || !isSessionId(session)) throw new UsageError(say('participantsSession'));
      const rows = listParticipants(store, session.toLowerCase());
      if (rows === null) throw new UsageError(say('rollbackNoSession', { session }));
      if (values.json) io.out(JSON.stringify(rows));
      else if (rows.length === 0) io.out(say('participantsNone', { session }));
      else {
        io.out(
          table([
            [
              say('participantsId'),
              say('participantsTablet'),
              say('participantsStarted'),
              say('participantsLanguage'),
              say('participantsAnswers'),
              say('participantsRetention'),
              say('participantsErased'),
            ],
            ...rows.map((r) => [
              r.id,
              r.tablet ?? say('participantsPaper'),
              r.startedAt === null ? '-' : localMinute(r.startedAt),
              r.language || '-',
              say(r.gaveAnswers ? 'answersGiven' : 'answersNone'),
              r.retentionFrom === null ? '-' : localMinute(r.retentionFrom),
              r.erasedAt ?? '-',
            ]),
          ]),
        );
      }
      return 0;
    }
    case 'backup': {
      const [target, extra] = positionals;
      if (target === undefined) throw new UsageError(say('backupWhere'));
      if (extra !== undefined) throw new UsageError(say('backupOne'));
      const done = await backupDatabase(store, file, target, say);
      if (!done.ok) throw new UsageError(done.mistake);
      io.out(say('backedUp', { file: done.file }));
      return 0;
    }
    case 'help':
    case 'council-key': // answered before the database opens (runAdmin)
      io.out(usage(lang));
      return 0;
  }
}
