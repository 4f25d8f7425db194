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
