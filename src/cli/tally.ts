/**
 * `npm run tally -- <file.pb> --rule greedy|mes [--comparison] [--json]`: counts a pabulib election.
 *
 * - greedy: greedy by score within the budget, skipping what does not fit, ties by PROJECTS row order; the score
 *   is the file's points (cumulative, scoring) or ranking score (ordinal: max_length - position, Kraków 3/2/1),
 *   otherwise the number of approvals (src/domain/counting/greedy.ts). A file whose rule is `greedy-threshold`
 *   passes over projects scoring under its `min_project_score_threshold` (the app's exports write 1: an idea
 *   nobody chose is never funded), as pabulib's checker does.
 * - mes: Method of Equal Shares, cost utilities, Add1 completion until the next step is infeasible
 *   (src/domain/counting/mes.ts); --comparison adds the comparison step with greedy (pabulib
 *   `equalshares/add1-comparison`, Wieliczka 2023). Approval ballots only: for other ballot types every listed
 *   project counts as approved.
 *
 * Prints the selected projects (id, cost, name), the budget and the money spent; with --json an object
 * { file, rule, budget, spent, leftover, selected: [ids], warnings: [sentences] }. Bad arguments, an unreadable
 * file, or a file that would be counted wrongly (a negative budget, an unknown vote_type, ...): a sentence on
 * stderr and exit code 2. A file read in a stated way (not UTF-8, a project named twice in a ballot, ...): one
 * `warning:` line each on stderr, and the count goes on.
 *
 * `npm run tally` starts it as `node --max-semi-space-size=32 src/cli/tallyStart.mjs` (issue 11 §3): one node
 * process, running this file from an esbuild bundle made on first use and again whenever a source changes
 * (tallyStart.mjs; through tsx when no bundle can be made), because tsx's loader cost about 0.35 s of CPU per
 * start (20 starts each at load 7-11: 0.17 s against 0.52 s); and a young generation of 32 MB instead of node
 * 20's 16 MB, because MES makes many short-lived objects: on Budapest 2024 the count took about 1 s less CPU with
 * it (5 runs each at load 4-5, 4.8-5.9 s against 6.1-7.4 s user).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readPabulib, type PbElection, type PbReading } from '../domain/counting/pabulib';
import { decodePb } from '../domain/counting/pabulibBytes';

const USAGE = 'Usage: npm run tally -- <file.pb> --rule greedy|mes [--comparison] [--json]';

class UsageError extends Error {}

interface TallyOutput {
  file: string;
  rule: string;
  budget: number;
  spent: number;
  leftover: number;
  selected: string[];
  warnings: string[];
}

// Each rule's modules are imported when that rule is asked for (issue 11 §3: under tsx every module loaded at
// start costs time before the count begins), and the vote totals are only summed for greedy, which uses them.
async function tally(
  election: PbElection,
  file: string,
  rule: 'greedy' | 'mes',
  comparison: boolean,
): Promise<Omit<TallyOutput, 'warnings'>> {
  if (rule === 'greedy') {
    const [{ greedy }, { tallyElection }] = await Promise.all([
      import('../domain/counting/greedy'),
      import('../domain/counting/votes'),
    ]);
    const { votes, score } = tallyElection(election);
    const threshold = fileThreshold(election);
    const r = greedy(election.projects, score ?? votes, election.budget, threshold ? { threshold } : {});
    const by = score ? 'score' : 'approvals';
    return {
      file,
      rule: threshold ? `greedy-threshold by ${by} (at least ${threshold})` : `greedy by ${by}`,
      budget: election.budget,
      spent: r.spent,
      leftover: r.leftover,
      selected: r.selected,
    };
  }
  const { equalShares } = await import('../domain/counting/mes');
  const r = equalShares(
    election.projects,
    election.voters.map((v) => v.vote),
    election.budget,
    { completion: 'add1', comparison },
  );
  const name = `equalshares/add1${comparison ? '-comparison' : ''} (cost utilities, endowment ${r.endowment})`;
  return {
    file,
    rule: name,
    budget: election.budget,
    spent: r.spent,
    leftover: r.leftover,
    selected: r.selected,
  };
}

/** The file's `min_project_score_threshold` when its rule is greedy-threshold; undefined otherwise. */
function fileThreshold(election: PbElection): number | undefined {
  if (election.meta['rule'] !== 'greedy-threshold') return undefined;
  const threshold = Number(election.meta['min_project_score_threshold']);
  return Number.isFinite(threshold) && threshold > 0 ? threshold : undefined;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rule: { type: 'string' },
        json: { type: 'boolean', default: false },
        comparison: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`Give exactly one .pb file.\n${USAGE}`);
  const rule = values.rule;
  if (rule !== 'greedy' && rule !== 'mes') {
    throw new UsageError(
      `${rule === undefined ? 'The --rule option is missing' : `"${rule}" is not a rule`}: use --rule greedy or --rule mes.\n${USAGE}`,
    );
  }
  if (values.comparison && rule !== 'mes') throw new UsageError('--comparison only applies to --rule mes.');
  const file = positionals[0] as string;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read ${file}${code ? ` (${code})` : ''}.`);
  }
  const decoded = decodePb(bytes);
  let reading: PbReading;
  try {
    reading = readPabulib(decoded.text);
  } catch (err) {
    const assumed = decoded.warning === undefined ? '' : ` (It was read as ${decoded.encoding}: not UTF-8.)`;
    throw new UsageError(
      `${file} is not a valid .pb file. ${err instanceof Error ? err.message : String(err)}${assumed}`,
    );
  }
  const { election } = reading;
  const warnings = [...(decoded.warning === undefined ? [] : [decoded.warning]), ...reading.warnings];
  for (const w of warnings) process.stderr.write(`warning: ${file}: ${w}\n`);
  const out: TallyOutput = { ...(await tally(election, file, rule, values.comparison)), warnings };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const byId = new Map(election.projects.map((p) => [p.id, p]));
  const lines = [
    `${out.file}`,
    `Rule: ${out.rule} (the file's META rule: ${election.meta['rule'] ?? 'not given'})`,
    `Selected ${out.selected.length} projects:`,
  ];
  for (const id of out.selected) {
    const p = byId.get(id);
    lines.push(`  ${id}\t${p?.cost ?? ''}\t${p?.fields['name'] ?? ''}`);
  }
  lines.push(`Budget ${out.budget}, spent ${out.spent}, left ${out.leftover}.`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
