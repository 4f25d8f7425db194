/** `npm run admin -- <command>`: see adminCli.ts. */
import { languageFor } from './adminArgs';
import { runAdmin } from './adminCli';
import { wordsFor } from './adminWords';

const argv = process.argv.slice(2);
runAdmin(argv, process.env, {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e: unknown) => {
    const reason = e instanceof Error ? e.message : String(e);
    process.stderr.write(`${wordsFor(languageFor(argv, process.env))('commandFailed', { reason })}\n`);
    process.exitCode = 1;
  });
