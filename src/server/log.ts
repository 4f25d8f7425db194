/**
 * One line per event, as JSON, on stdout. Never pass tokens, codes or update contents here: only ids, sizes,
 * addresses and reasons.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type Logger = (event: string, fields?: LogFields) => void;

export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  return (event, fields = {}) => write(JSON.stringify({ at: new Date().toISOString(), event, ...fields }));
}

export const silentLogger: Logger = () => undefined;

/**
 * Our hooks refuse a message or a sign-in by throwing an object with a WebSocket close `code` and a `reason` such as
 * `invalid-update: …` (kebab-case words, then a colon), after logging one line for it.
 */
function isRefusal(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { code, reason } = value as { code?: unknown; reason?: unknown };
  return typeof code === 'number' && typeof reason === 'string';
}
const REFUSAL_REASON = /^[a-z][a-z-]*(:|$)/;
const HOOK_TAG = /^\[[A-Za-z]+\]$/;

/**
 * Whether console.error arguments are Hocuspocus reporting one of our refusals: `[hookName] <reason>` (its hook
 * chain prints the message of whatever a hook throws) or `closing connection … because of exception <refusal>`
 * (Connection.handleMessage, with the stack trace).
 */
function reportsRefusal(args: unknown[]): boolean {
  const [first, second] = args;
  if (typeof first === 'string' && HOOK_TAG.test(first) && typeof second === 'string') {
    return REFUSAL_REASON.test(second);
  }
  return args.some(isRefusal);
}

/** The first frames of a stack, on one line: enough to find the code, nothing of the data it held. */
function where(error: Error): string | undefined {
  const frames = (error.stack ?? '')
    .split('\n')
    .slice(1, 4)
    .map((l) => l.trim().replace(/^at /, ''));
  return frames.length > 0 ? frames.join(' < ') : undefined;
}

const clip = (text: string): string => (text.length > 300 ? text.slice(0, 300) + '…' : text);

/** Every logger routing library output now (the last one gets it), and console.error as it was before. */
const routes: Logger[] = [];
let original: typeof console.error | undefined;

/**
 * While a server runs, what libraries print with console.error comes here instead of stderr. Hocuspocus prints
 * every error a hook throws, so each refused update gave a multi-line stack trace (150-240 per hostile run):
 * a refusal is dropped, since the hook that refused has already logged its one line (`update-refused`,
 * `auth-failed`, …); anything else becomes one `library-error` line with the error's name, message (clipped) and
 * first stack frames. Returns the function that stops routing (console.error is restored when the last stops).
 */
export function routeLibraryErrors(log: Logger): () => void {
  routes.push(log);
  if (original === undefined) {
    const before = console.error;
    original = before;
    console.error = (...args: unknown[]): void => {
      const to = routes[routes.length - 1];
      if (to === undefined) return before(...args);
      if (reportsRefusal(args)) return;
      const error = args.find((a): a is Error => a instanceof Error);
      const text = args
        .filter((a) => typeof a === 'string')
        .join(' ')
        .trim();
      to('library-error', {
        message: clip([text, error ? `${error.name}: ${error.message}` : ''].filter(Boolean).join(' ')),
        where: error ? where(error) : undefined,
      });
    };
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    routes.splice(routes.lastIndexOf(log), 1);
    if (routes.length === 0 && original !== undefined) {
      console.error = original;
      original = undefined;
    }
  };
}
