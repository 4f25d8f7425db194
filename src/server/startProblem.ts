/**
 * The one line `npm start` (start.ts) and `npm run server` (serve.ts) print on stderr when the server cannot start,
 * in the admin's language (NCD_LANG or the locale, as the admin commands: adminWords.ts). A known kind of start-up
 * problem (a setting, the data folder, the port, any refusal of the operating system) is a sentence saying what to
 * do, never a stack trace; only an error that is none of those (a bug to report) keeps its stack.
 */
import { languageFromEnv, type Say, wordsFor } from './adminWords';
import { ConfigError } from './config';
import { DataDirInUseError, inUseSentence } from './dataDirLock';
import { DataDirError, dataDirSentence } from './store';

export function cannotStart(e: unknown, env: NodeJS.ProcessEnv): string {
  const say = wordsFor(languageFromEnv(env));
  return say('cannotStart', { reason: reasonOf(e, env, say) });
}

function reasonOf(e: unknown, env: NodeJS.ProcessEnv, say: Say): string {
  // Settings are checked before anything else and said in English only (config.ts).
  if (e instanceof ConfigError) return e.message;
  if (e instanceof DataDirError) return dataDirSentence(say, e);
  if (e instanceof DataDirInUseError) return inUseSentence(say, e.folder, e.holder);
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return say('portInUse', { port: env.PORT ?? 8080 });
  if (!(e instanceof Error)) return String(e);
  // Node's and SQLite's errors carry a code and say themselves in their message; the stack is theirs, not ours.
  return typeof code === 'string' ? e.message : (e.stack ?? e.message);
}
