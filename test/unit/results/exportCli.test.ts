import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hideProposal } from '../../../src/doc/moderationCommands';
import { viewSession } from '../../../src/doc/session';
import { parsePabulib } from '../../../src/domain/counting';
import { BOM } from '../../../src/domain/results/csv';
import type { JsonExport } from '../../../src/domain/results/json';
import { sessionResults } from '../../../src/domain/results/results';
import { Store } from '../../../src/server/store';
import { testContext, WORKSHOP_START } from '../helpers/session';
import { dotsSession } from './fixtures';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function exportCli(...args: string[]): Promise<Outcome> {
  try {
    // node --import tsx is what `npm run` ends in (the tsx command starts such a node): one process per run
    // instead of three (npx, the tsx command, then node).
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/export.ts', ...args],
      { cwd: ROOT },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('npm run export (src/cli/export.ts) as a child process', { timeout: 60_000 }, () => {
  let dir: string;
  let dataDir: string;
  const s = dotsSession();
  const sessionId = '11111111-1111-4111-8111-111111111111';

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'export-cli-'));
    dataDir = path.join(dir, 'data');
    const store = Store.open(dataDir);
    // Two updates from two devices: the CLI must apply them all.
    store.appendUpdate(sessionId, 'device-a', Y.encodeStateAsUpdate(s.doc), WORKSHOP_START);
    let second: Uint8Array | undefined;
    s.doc.on('update', (u: Uint8Array) => {
      second = u;
    });
    const officer = testContext('device-o', { idPrefix: 'o', startAt: WORKSHOP_START + 300 * 60_000 });
    hideProposal(s.doc, s.ids.P5, 'Not a real idea', officer.ctx);
    store.appendUpdate(sessionId, 'device-o', second!, WORKSHOP_START + 1);
    store.close();
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it.concurrent('csv: the results CSV and the ballots CSV, from every stored update', async () => {
    const out = path.join(dir, 'results.csv');
    const r = await exportCli('--session', sessionId, '--format', 'csv', '--out', out, '--data-dir', dataDir);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith(BOM)).toBe(true);
    const expected = sessionResults(viewSession(s.doc)!, 'greedy');
    // P5 hidden by the second update: not in the results.
    expect(text).not.toContain('SUM(A1:A9)');
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(expected.rows.map((x) => x.proposalId));
    expect(existsSync(path.join(dir, 'results.ballots.csv'))).toBe(true);
    expect(readFileSync(path.join(dir, 'results.ballots.csv'), 'utf8')).toContain('dotsOverPerProposal');
  });

  it.concurrent('json and pb', async () => {
    const json = path.join(dir, 'session.json');
    const pb = path.join(dir, 'session.pb');
    const [a, b] = await Promise.all([
      exportCli('--session', sessionId, '--format', 'json', '--out', json, '--data-dir', dataDir),
      exportCli('--session', sessionId, '--format', 'pb', '--out', pb, '--data-dir', dataDir),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const parsed = JSON.parse(readFileSync(json, 'utf8')) as JsonExport;
    expect(parsed.session.id).toBe(sessionId);
    expect(parsed.proposals.find((p) => p.id === s.ids.P5)?.isHidden).toBe(true);
    const e = parsePabulib(readFileSync(pb, 'utf8'));
    expect(e.projects.map((p) => p.id)).not.toContain(s.ids.P5);
    expect(e.voters).toHaveLength(4);
  });

  it('--for publishing: no hidden idea, hide reason, participant or device id in json, csv or pb', async () => {
    const json = path.join(dir, 'open.json');
    const csv = path.join(dir, 'open.csv');
    const pb = path.join(dir, 'open.pb');
    const common = ['--session', sessionId, '--data-dir', dataDir, '--for'];
    // One after another: several CLI runs at once are slow on a busy machine.
    const a = await exportCli(...common, 'publishing', '--format', 'json', '--out', json);
    const b = await exportCli(...common, 'publishing', '--format', 'csv', '--out', csv);
    const c = await exportCli(...common, 'publishing', '--format', 'pb', '--out', pb);
    const bad = await exportCli(...common, 'everyone', '--format', 'json', '--out', json);
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0]);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--for publishing') as string });
    const texts = [json, path.join(dir, 'open.ballots.csv'), pb].map((f) => readFileSync(f, 'utf8'));
    expect((JSON.parse(texts[0]!) as { audience: string }).audience).toBe('publishing');
    for (const text of texts) {
      expect(text).not.toContain('SUM(A1:A9)');
      expect(text).not.toContain('Not a real idea');
      // The real device id, not a pseudonym that happens to start with "a" (device-<hex>).
      expect(text).not.toMatch(/device-a(?![0-9a-f])/);
      for (const id of [...s.a, ...s.b]) expect(text).not.toContain(id);
    }
    expect(parsePabulib(texts[2]!).voters).toHaveLength(4);
  }, 120_000);

  it.concurrent('clear errors with exit code 2', async () => {
    const out = path.join(dir, 'x.csv');
    const [unknown, missing, badFormat, badRule, noSession] = await Promise.all([
      exportCli('--session', 'nope', '--format', 'csv', '--out', out, '--data-dir', dataDir),
      exportCli(
        '--session',
        sessionId,
        '--format',
        'csv',
        '--out',
        out,
        '--data-dir',
        path.join(dir, 'none'),
      ),
      exportCli('--session', sessionId, '--format', 'xlsx', '--out', out, '--data-dir', dataDir),
      exportCli(
        '--session',
        sessionId,
        '--format',
        'csv',
        '--rule',
        'mes',
        '--out',
        out,
        '--data-dir',
        dataDir,
      ),
      exportCli('--format', 'csv', '--out', out, '--data-dir', dataDir),
    ]);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('No session nope') as string });
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('No database at') as string });
    expect(badFormat).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('"xlsx" is not a format') as string,
    });
    expect(badRule).toMatchObject({ code: 2, stderr: expect.stringContaining('does not apply') as string });
    expect(noSession).toMatchObject({ code: 2, stderr: expect.stringContaining('--session') as string });
    expect(existsSync(out)).toBe(false);
  });
});
