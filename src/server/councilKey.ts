/**
 * `npm run admin -- council-key <private-key-file>`: the council's key pair for residents' about-you answers
 * (src/domain/answersCrypto.ts). The public key is printed (the facilitator pastes it into each session's form);
 * the private key goes only to the file the admin names, created owner-only (0600) and never over an existing
 * file (it may hold an older key still needed to read answers). Nothing is written to the database or the logs:
 * this command does not even open the database.
 */
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { generateCouncilKey } from '../domain/answersCrypto';
import type { Say } from './adminWords';

export type CouncilKeyOutcome =
  { ok: true; kid: string; publicKey: string; file: string } | { ok: false; mistake: string };

export async function makeCouncilKey(positionals: string[], say: Say, now: Date): Promise<CouncilKeyOutcome> {
  const [target, extra] = positionals;
  if (target === undefined || target.trim() === '') return { ok: false, mistake: say('councilKeyWhere') };
  if (extra !== undefined) return { ok: false, mistake: say('councilKeyOne') };
  const file = resolve(target);
  const made = await generateCouncilKey(now.toISOString());
  let handle;
  try {
    // 'wx': fail if the file exists; 0o600 whatever the umask allows more of (open applies the mode on create).
    handle = await open(file, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      return { ok: false, mistake: say('councilKeyExists', { file }) };
    throw e;
  }
  try {
    await handle.chmod(0o600);
    await handle.writeFile(made.privateFile, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { ok: true, kid: made.kid, publicKey: made.publicText, file };
}
