/** `npm run admin -- <command>`: see adminCli.ts. */
import { runAdmin } from './adminCli';

runAdmin(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e: unknown) => {
    process.stderr.write(`The command failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
