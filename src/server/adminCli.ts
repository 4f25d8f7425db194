/**
 * The council admin's commands (`npm run admin -- <command>`), on the SQLite file in DATA_DIR. Safe to run while
 * the server runs (SQLite WAL). Every mistake in the command line is a sentence and exit code 2.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderUnicodeCompact } from 'uqr';
import { assign, listAssignments, unassign, type Target } from './assignments';
import { createEnrolCode, isRole, listDevices, revokeDevice } from './devices';
import { RollbackError, rollbackDevice } from './rollback';
import { isSessionId, Store } from './store';

/**
 * A moment for the admin to read, in this computer's local time (or `timeZone`): "14:30 on 12 December 2026".
 * Anything unreadable is shown as given.
 */
export function untilInWords(at: string | number, timeZone?: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const zone = timeZone ? { timeZone } : {};
  const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', ...zone }).format(d);
  const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', ...zone }).format(d);
  return `${time} on ${date}`;
}

export const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  enrol --role facilitator|officer --name "Tablet 3" [--expires-minutes 60] [--json]
                      make a one-time enrolment code for a device (printed with a QR code)
  devices [--json]    list enrolled devices
  revoke <deviceId>   refuse that device: its open connections close within seconds, new ones are refused
  assign <deviceId> <sessionId>
  assign <deviceId> --neighbourhood "Ashfield North"
                      give a facilitator device a session, or every session of a neighbourhood
                      (it lists them and may open them; officers see every session already)
  unassign <deviceId> <sessionId>
  unassign <deviceId> --neighbourhood "Ashfield North"
                      take that assignment away again
  assignments [<deviceId>] [--json]
                      list assignments, of every device or of one
  updates --device <deviceId> [--session <sessionId>] [--json]
                      list the updates a device sent (when, which session, how big)
  rollback --session <sessionId> --device <deviceId> [--json]
                      undo that device's contribution to the session with a new update
  backup <file>       write a consistent copy of the database to <file>, also while the server runs

The database is in DATA_DIR (default ./data).`;

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

class UsageError extends Error {}

const COMMANDS = [
  'enrol',
  'devices',
  'revoke',
  'assign',
  'unassign',
  'assignments',
  'updates',
  'rollback',
  'backup',
  'help',
] as const;
type Command = (typeof COMMANDS)[number];

function isCommand(value: string | undefined): value is Command {
  return value !== undefined && (COMMANDS as readonly string[]).includes(value);
}

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
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.err(`${message}\n\n${USAGE}`);
    return 2;
  }
  const { command, values, positionals } = parsed;
  if (command === 'help') {
    io.out(USAGE);
    return 0;
  }
  const store = Store.open(resolve(env.DATA_DIR?.trim() || 'data'));
  try {
    return await run(store, command, values, positionals, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof RollbackError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  } finally {
    store.close();
  }
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      'expires-minutes': { type: 'string' },
      json: { type: 'boolean', default: false },
      device: { type: 'string' },
      session: { type: 'string' },
      neighbourhood: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [first, ...rest] = positionals;
  if (values.help || first === undefined) return { command: 'help' as const, values, positionals: rest };
  if (!isCommand(first)) throw new UsageError(`"${first}" is not a command.`);
  return { command: first, values, positionals: rest };
}

type Values = ReturnType<typeof parse>['values'];

/** The device and what to assign from `assign`/`unassign`'s arguments; a UsageError in words otherwise. */
function assignmentArgs(
  store: Store,
  command: 'assign' | 'unassign',
  values: Values,
  positionals: string[],
): { deviceId: string; target: Target } {
  const [deviceId, sessionId, extra] = positionals;
  const example = `${command} <deviceId> <sessionId>, or ${command} <deviceId> --neighbourhood "Ashfield North"`;
  if (deviceId === undefined) throw new UsageError(`Say which device: ${example} (see "devices").`);
  const device = listDevices(store).find((d) => d.id === deviceId);
  if (!device) throw new UsageError(`There is no device ${deviceId}. See "devices".`);
  if (extra !== undefined) throw new UsageError(`Give one session at a time: ${example}.`);
  const neighbourhood = values.neighbourhood?.trim();
  if (sessionId !== undefined && neighbourhood !== undefined) {
    throw new UsageError(`Give a session or a neighbourhood, not both: ${example}.`);
  }
  let target: Target;
  if (neighbourhood !== undefined) {
    if (neighbourhood === '')
      throw new UsageError('The neighbourhood name is empty: --neighbourhood "Ashfield North".');
    if (neighbourhood.length > 100)
      throw new UsageError('The neighbourhood name is too long: at most 100 characters.');
    target = { kind: 'neighbourhood', value: neighbourhood };
  } else {
    if (sessionId === undefined) throw new UsageError(`Say which session: ${example}.`);
    if (!isSessionId(sessionId)) {
      throw new UsageError(`"${sessionId}" is not a session id (a UUID, see the app's session details).`);
    }
    target = { kind: 'session', value: sessionId.toLowerCase() };
  }
  if (command === 'assign') {
    if (device.role === 'officer')
      throw new UsageError(`Device ${deviceId} is an officer device: it sees every session already.`);
    if (device.revokedAt !== null)
      throw new UsageError(
        `Device ${deviceId} was revoked: enrol the tablet again and assign the new device.`,
      );
  }
  return { deviceId, target };
}

function describeTarget(target: Target): string {
  return target.kind === 'session' ? `session ${target.value}` : `the sessions of ${target.value}`;
}

async function run(
  store: Store,
  command: Command,
  values: Values,
  positionals: string[],
  io: Output,
): Promise<number> {
  const needNoPositionals = (): void => {
    if (positionals.length > 0) throw new UsageError(`"${command}" takes no "${positionals[0]}".`);
  };
  switch (command) {
    case 'enrol': {
      needNoPositionals();
      if (values.role === undefined)
        throw new UsageError('Say which role the device gets: --role facilitator or --role officer.');
      if (!isRole(values.role))
        throw new UsageError(`"${values.role}" is not a role: use facilitator or officer.`);
      const name = values.name?.trim() ?? '';
      if (name === '') throw new UsageError('Give the device a name people recognise: --name "Tablet 3".');
      if (name.length > 100) throw new UsageError('The device name is too long: at most 100 characters.');
      const rawMinutes = values['expires-minutes'] ?? '60';
      if (!/^\d+$/.test(rawMinutes) || Number(rawMinutes) < 1 || Number(rawMinutes) > 7 * 24 * 60) {
        throw new UsageError('--expires-minutes must be a whole number of minutes from 1 to 10080 (a week).');
      }
      const code = createEnrolCode(store, values.role, name, Number(rawMinutes));
      if (values.json) io.out(JSON.stringify(code));
      else {
        io.out(
          `Enrolment code for ${code.name} (${code.role}): ${code.code}\n` +
            `It works once, valid until ${untilInWords(code.expiresAt)}. Type it on the device, or scan:\n\n` +
            renderUnicodeCompact(code.code, { border: 2 }),
        );
      }
      return 0;
    }
    case 'devices': {
      needNoPositionals();
      const devices = listDevices(store);
      if (values.json) io.out(JSON.stringify(devices));
      else if (devices.length === 0) io.out('No devices are enrolled yet.');
      else {
        io.out(
          table([
            ['ID', 'NAME', 'ROLE', 'ENROLLED', 'REVOKED'],
            ...devices.map((d) => [d.id, d.name, d.role, d.createdAt, d.revokedAt ?? '-']),
          ]),
        );
      }
      return 0;
    }
    case 'revoke': {
      const [deviceId, extra] = positionals;
      if (deviceId === undefined)
        throw new UsageError('Say which device to revoke: revoke <deviceId> (see "devices").');
      if (extra !== undefined) throw new UsageError('Revoke one device at a time.');
      if (!revokeDevice(store, deviceId))
        throw new UsageError(`There is no device ${deviceId}. See "devices".`);
      io.out(
        `Device ${deviceId} is revoked: a running server closes its open connections within a few seconds and ` +
          'refuses it from then on.',
      );
      return 0;
    }
    case 'assign':
    case 'unassign': {
      const { deviceId, target } = assignmentArgs(store, command, values, positionals);
      if (command === 'assign') {
        const added = assign(store, deviceId, target);
        io.out(
          added
            ? `Device ${deviceId} now has ${describeTarget(target)}: it lists and may open them.`
            : `Device ${deviceId} already had ${describeTarget(target)}: nothing changed.`,
        );
        return 0;
      }
      if (!unassign(store, deviceId, target)) {
        throw new UsageError(
          `Device ${deviceId} does not have ${describeTarget(target)} assigned. See "assignments".`,
        );
      }
      io.out(
        `Device ${deviceId} no longer has ${describeTarget(target)} (it keeps the sessions it has written to).`,
      );
      return 0;
    }
    case 'assignments': {
      const [deviceId, extra] = positionals;
      if (extra !== undefined) throw new UsageError('List one device at a time: assignments [<deviceId>].');
      const assignments = listAssignments(store, deviceId);
      if (values.json) io.out(JSON.stringify(assignments));
      else if (assignments.length === 0)
        io.out(
          deviceId === undefined
            ? 'No device has an assignment yet.'
            : `Device ${deviceId} has no assignment.`,
        );
      else {
        io.out(
          table([
            ['DEVICE', 'KIND', 'SESSION OR NEIGHBOURHOOD', 'ASSIGNED'],
            ...assignments.map((a) => [a.deviceId, a.kind, a.value, a.assignedAt]),
          ]),
        );
      }
      return 0;
    }
    case 'updates': {
      needNoPositionals();
      if (values.device === undefined)
        throw new UsageError('Say whose updates to list: --device <deviceId>.');
      if (values.session !== undefined && !isSessionId(values.session)) {
        throw new UsageError(`"${values.session}" is not a session id.`);
      }
      const updates = store.listUpdates(values.device, values.session);
      if (values.json) io.out(JSON.stringify(updates));
      else if (updates.length === 0) io.out(`Device ${values.device} sent no updates.`);
      else {
        io.out(
          table([
            ['ID', 'SESSION', 'RECEIVED', 'BYTES'],
            ...updates.map((u) => [String(u.id), u.sessionId, u.receivedAt, String(u.bytes)]),
          ]),
        );
      }
      return 0;
    }
    case 'rollback': {
      needNoPositionals();
      if (values.session === undefined || !isSessionId(values.session)) {
        throw new UsageError('Say which session to roll back: --session <sessionId> (a UUID).');
      }
      if (values.device === undefined)
        throw new UsageError('Say whose contribution to roll back: --device <deviceId>.');
      const result = rollbackDevice(store, values.session, values.device);
      if (values.json) io.out(JSON.stringify(result));
      else {
        io.out(
          result.updateId === null
            ? `Nothing to roll back: session ${result.sessionId} already has nothing from device ${result.deviceId}.`
            : `Rolled back device ${result.deviceId} in session ${result.sessionId}: ${result.keysRemoved} records removed, ` +
                `${result.keysRestored} restored. Connected devices receive it within a few seconds.`,
        );
      }
      return 0;
    }
    case 'backup': {
      const [file, extra] = positionals;
      if (file === undefined) throw new UsageError('Say where to write the backup: backup <file>.');
      if (extra !== undefined) throw new UsageError('Give one backup file.');
      await store.db.backup(resolve(file));
      io.out(`Backed up the database to ${resolve(file)}.`);
      return 0;
    }
    case 'help':
      io.out(USAGE);
      return 0;
  }
}
