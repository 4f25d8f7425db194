/**
 * The admin CLI's command line (adminCli.ts): its commands, the options each takes, the language of its messages,
 * and parseArgs's complaints in the admin's words. Every mistake here is found before the database opens, so a
 * mistaken command changes nothing.
 */
import { parseArgs } from 'node:util';
import { type AdminLang, isAdminLang, languageFromEnv, type Say, wordsFor } from './adminWords';

/** A mistake in the command line, said in the admin's words; the command exits 2. */
export class UsageError extends Error {
  /** True when the whole usage text helps (a word that is no command), false for a mistake in one option. */
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

/** The options of every command, for parseArgs and for finding `--lang` before parsing. */
const OPTIONS = {
  role: { type: 'string' },
  name: { type: 'string' },
  'expires-minutes': { type: 'string' },
  json: { type: 'boolean', default: false },
  device: { type: 'string' },
  session: { type: 'string' },
  participant: { type: 'string' },
  'older-than': { type: 'string' },
  hours: { type: 'string' },
  neighbourhood: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** What `--lang` says in the command line (the last one counts, as with every option). */
type LangArg =
  | { kind: 'none' }
  | { kind: 'missing' }
  | { kind: 'unknown'; value: string }
  | { kind: 'ok'; lang: AdminLang };

function langArg(argv: string[]): LangArg {
  let found: LangArg = { kind: 'none' };
  const valueOf = (raw: string): LangArg => {
    const value = raw.trim().toLowerCase();
    if (value === '') return { kind: 'missing' };
    return isAdminLang(value) ? { kind: 'ok', lang: value } : { kind: 'unknown', value: raw };
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg.startsWith('--lang=')) found = valueOf(arg.slice('--lang='.length));
    else if (arg === '--lang') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) found = { kind: 'missing' };
      else {
        found = valueOf(next);
        i++;
      }
    } else if (arg.startsWith('--') && !arg.includes('=')) {
      // A string option's value is not read as an option (parseArgs refuses a value starting with "-").
      const option = OPTIONS[arg.slice(2) as keyof typeof OPTIONS] as { type: string } | undefined;
      if (option?.type === 'string' && !(argv[i + 1] ?? '-').startsWith('-')) i++;
    }
  }
  return found;
}

/**
 * The language of the messages: `--lang`, else the environment, else English. An unknown or missing `--lang`
 * value is a mistake said in both languages, on one line.
 */
export function chooseLanguage(
  argv: string[],
  env: NodeJS.ProcessEnv,
): { lang: AdminLang } | { mistake: string } {
  const arg = langArg(argv);
  switch (arg.kind) {
    case 'ok':
      return { lang: arg.lang };
    case 'none':
      return { lang: languageFromEnv(env) };
    case 'missing':
      return { mistake: `${wordsFor('en')('languageMissing')} / ${wordsFor('cy')('languageMissing')}` };
    case 'unknown': {
      const value = arg.value;
      return {
        mistake: `${wordsFor('en')('languageUnknown', { value })} / ${wordsFor('cy')('languageUnknown', { value })}`,
      };
    }
  }
}

/** The language to report a crash in (admin.ts): as chooseLanguage, English if `--lang` was a mistake. */
export function languageFor(argv: string[], env: NodeJS.ProcessEnv): AdminLang {
  const chosen = chooseLanguage(argv, env);
  return 'lang' in chosen ? chosen.lang : 'en';
}

/** parseArgs's own (English) complaint, in the admin's language where we know its kind. */
export function parseMistake(e: unknown, say: Say): string {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  const option = /'(-[^'\s]*)/.exec(message)?.[1];
  if (option === undefined) return message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return say('unknownOption', { option });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /does not take an argument/.test(message)
      ? say('optionTakesNoValue', { option })
      : say('optionNeedsValue', { option });
  }
  return message;
}

export const COMMANDS = [
  'enrol',
  'devices',
  'revoke',
  'assign',
  'unassign',
  'assignments',
  'updates',
  'rollback',
  'allow-relay',
  'end-relay',
  'relays',
  'participants',
  'backup',
  'compact',
  'erase-answers',
  'council-key',
  'help',
] as const;
export type Command = (typeof COMMANDS)[number];

function isCommand(value: string | undefined): value is Command {
  return value !== undefined && (COMMANDS as readonly string[]).includes(value);
}

type OptionName = keyof typeof OPTIONS;

/** The options each command takes besides --lang and --help (as the usage text lists them). */
const COMMAND_OPTIONS: Readonly<Record<Command, readonly OptionName[]>> = {
  enrol: ['role', 'name', 'expires-minutes', 'json'],
  devices: ['json'],
  revoke: [],
  assign: ['neighbourhood'],
  unassign: ['neighbourhood'],
  assignments: ['json'],
  updates: ['device', 'session', 'json'],
  rollback: ['session', 'device', 'json'],
  'allow-relay': ['device', 'session', 'hours', 'json'],
  'end-relay': ['device', 'session'],
  relays: ['json'],
  participants: ['session', 'json'],
  backup: [],
  compact: ['session', 'json'],
  'erase-answers': ['session', 'participant', 'older-than', 'json'],
  'council-key': ['json'],
  help: [],
};

/**
 * Options whose value is a number. parseArgs refuses a value starting with "-" after a space (`--hours -1`: "needs
 * a value") though it takes `--hours=-1`; a negative number is a value here, so that both forms reach the
 * command's own range check and its sentence ("--hours must be a whole number of hours from 1 to 168").
 */
const NUMBER_OPTIONS: readonly string[] = ['--hours', '--older-than', '--expires-minutes'];

function withNegativeNumbers(argv: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (arg === '--') return [...joined, ...argv.slice(i)];
    if (NUMBER_OPTIONS.includes(arg) && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** The commands whose device id comes on its own (`revoke <deviceId>`), and how to write it. */
function devicePositional(command: Command, say: Say): string | null {
  switch (command) {
    case 'revoke':
      return say('revokeExample');
    case 'assign':
    case 'unassign':
      return say('assignExample', { command });
    case 'assignments':
      return say('assignmentsExample');
    default:
      return null;
  }
}

/** Refuses an option the command does not take (it was ignored before: `revoke --device x` said no device). */
function checkOptions(command: Command, values: Values, say: Say): void {
  const allowed: readonly OptionName[] = [...COMMAND_OPTIONS[command], 'lang', 'help'];
  for (const [name, value] of Object.entries(values) as [OptionName, unknown][]) {
    if (value === undefined || value === false || allowed.includes(name)) continue;
    const option = `--${name}`;
    const example = name === 'device' ? devicePositional(command, say) : null;
    if (example !== null) throw new UsageError(say('devicePositional', { command, example }));
    if (command === 'assignments' && name === 'session') throw new UsageError(say('assignmentsBySession'));
    throw new UsageError(`${say('optionNotFor', { command, option })} ${say('seeHelp')}`);
  }
}

export function parse(argv: string[], say: Say) {
  const { values, positionals } = parseArgs({
    args: withNegativeNumbers(argv),
    allowPositionals: true,
    strict: true,
    options: OPTIONS,
  });
  const [first, ...rest] = positionals;
  if (values.help || first === undefined) return { command: 'help' as const, values, positionals: rest };
  if (!isCommand(first)) throw new UsageError(say('notACommand', { command: first }), true);
  checkOptions(first, values, say);
  return { command: first, values, positionals: rest };
}

export type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];
