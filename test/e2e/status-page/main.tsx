/// <reference types="vite/client" />
/**
 * The officer's status editor on its own page, built by test/e2e/youSaidWeDid.test.ts (no app routes involved):
 * a real session document in memory with three ideas (one merged into another), the editor list wired to
 * `setProposalStatus` through `saveStatusWith`, re-read on every document update like useSession does.
 * `window.saveAsNewerApp()` marks the document as a newer app's, as a change arriving from one would.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import * as Y from 'yjs';
import { addProposal, type CommandContext } from '../../../src/doc/commands';
import { createSession } from '../../../src/doc/sessionCommands';
import { mergeProposals } from '../../../src/doc/moderationCommands';
import { maps, SCHEMA_VERSION } from '../../../src/doc/schema';
import { viewSession, type SessionView } from '../../../src/doc/session';
import { saveStatusWith } from '../../../src/ui/officer/status/StatusEditor';
import { StatusList } from '../../../src/ui/officer/status/StatusList';
import type { SessionHandle } from '../../../src/ui/useSession';
import '../../../src/ui/styles.css';

const doc = new Y.Doc();
let n = 0;
const ctx: CommandContext = {
  deviceId: 'officer-laptop',
  now: () => Date.UTC(2026, 6, 1, 9, 30) + n * 60_000,
  newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
};
createSession(
  doc,
  'status-page',
  {
    title: 'Northmoor spring workshop',
    neighbourhood: 'Northmoor',
    date: '2026-05-10',
    venue: 'Library',
    fundingStreams: [
      { id: 'fs', publicBody: 'Council', service: 'Parks', annualPence: 10_000_000, isPoolable: true },
    ],
    potPence: 5_000_000,
    themes: [{ id: 'green', name: 'Green spaces' }],
    method: { kind: 'dots', dotsPerParticipant: 3, maxDotsPerProposal: 2 },
    languages: ['en'],
    consentText: 'Consent.',
    aboutYou: [],
    pin: { saltB64: 'c2FsdHNhbHQ=', hashB64: 'aGFzaGhhc2g=', iterations: 1000 },
    isEnded: true,
  },
  ctx,
);
const idea = (title: string, costPence: number): string =>
  addProposal(doc, { title, description: '', themeId: 'green', costPence, where: '' }, null, ctx);
const garden = idea('Community garden', 1_000_000);
idea('Skate park', 8_000_000);
mergeProposals(doc, idea('Garden for the community', 900_000), garden, ctx);

const run: SessionHandle['run'] = (command) => Promise.resolve(command(doc, ctx));
// The session as a newer app saved it, arriving while the editor is open (a sync, or a session file).
(window as unknown as { saveAsNewerApp: () => void }).saveAsNewerApp = () =>
  maps(doc).meta.set('schemaVersion', SCHEMA_VERSION + 1);
const names = new Map([['officer-laptop', 'Officer laptop']]);

function App() {
  const [view, setView] = useState<SessionView | null>(() => viewSession(doc));
  useEffect(() => {
    const refresh = (): void => setView(viewSession(doc));
    doc.on('update', refresh);
    return () => doc.off('update', refresh);
  }, []);
  return view ? (
    <main class="page" id="main">
      <h1>Decisions</h1>
      <StatusList view={view} onSave={saveStatusWith(run)} deviceNames={names} />
    </main>
  ) : null;
}

const app = document.getElementById('app');
if (app) render(<App />, app);
