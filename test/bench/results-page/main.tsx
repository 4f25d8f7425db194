/**
 * The results view bench page: the officer view's real SessionSection (results table under the session's
 * default rule, each idea, excluded ballots, the day, exports) rendered with Preact for a large session, beside
 * a plain table of the same rows written with innerHTML. Driven from test/bench/resultsView.ts through
 * `window.bench`; the session arrives as a Yjs update (not measured). Every render gets a fresh session view
 * (built before the clock starts), as an officer opening the session does: the view keeps its counted results,
 * so reusing one would measure a warm cache.
 */
import { render } from 'preact';
import * as Y from 'yjs';
import { viewSession, type SessionView } from '../../../src/doc/session';
import { decideFunding, sessionResults, type RuleName } from '../../../src/domain/results/results';
import { mesQuestion, questionBuffers } from '../../../src/domain/results/mesQuestion';
import { I18nContext, makeTranslator } from '../../../src/ui/i18n';
import '../../../src/ui/officer/messages';
import { SessionSection } from '../../../src/ui/officer/SessionSection';
import '../../../src/ui/styles.css';
import '../../../src/ui/officer/officer.css';

export interface ResultsBenchApi {
  load(url: string): Promise<{ proposals: number; ballots: number }>;
  /**
   * Renders the view for a fresh session view and forces layout: `shownMs` when it is on screen (under MES,
   * with "Counting…" in the funded column), `readyMs` when the funded ideas are shown too (the same for rules
   * counted in place). Then removes it.
   */
  renderApp(rule: RuleName): Promise<{ shownMs: number; readyMs: number }>;
  /** MES for the session counted on this page's main thread, in ms. */
  countHere(): number;
  /** MES for the session counted in a worker of this page's (the app's worker file, kept warm), post to reply. */
  countAway(): Promise<number>;
  /** The same rows as a plain table through innerHTML (no counting, no components), with layout. */
  renderBaseline(): number;
}

const root = document.getElementById('root')!;
const t = makeTranslator('en');
let doc: Y.Doc | null = null;
let countWorker: Worker | undefined;
let view: SessionView | null = null;
let baselineHtml = '';

function loaded(): SessionView {
  if (!view) throw new Error('Call load() first.');
  return view;
}

const escape = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const api: ResultsBenchApi = {
  async load(url) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
    view = viewSession(doc);
    if (!view) throw new Error('The update holds no session.');
    // The baseline's rows: the same titles and figures, worked out once (not measured).
    const rows = sessionResults(view, 'votes').rows;
    baselineHtml =
      '<table><thead><tr><th>Rank</th><th>Idea</th><th>Theme</th><th>Cost</th><th>Points</th><th>Supporters</th><th>Funded</th></tr></thead><tbody>' +
      rows
        .map(
          (r) =>
            `<tr><td>${r.rank}</td><th>${escape(r.title)}</th><td>${escape(r.themeName)}</td><td>${t.money(r.costPence)}</td><td>${r.points}</td><td>${r.supporters}</td><td>—</td></tr>`,
        )
        .join('') +
      '</tbody></table>';
    return { proposals: view.visible.length, ballots: view.count.counted.length };
  },
  async renderApp(rule) {
    const v = doc ? viewSession(doc) : null;
    if (!v) throw new Error('Call load() first.');
    const started = performance.now();
    render(
      <I18nContext.Provider value={t}>
        <SessionSection
          view={v}
          headingLevel={2}
          run={() => Promise.reject(new Error('read only'))}
          method={v.settings.method.kind}
          initialRule={rule}
        />
      </I18nContext.Provider>,
      root,
    );
    void root.offsetHeight;
    const shownMs = performance.now() - started;
    await new Promise<void>((resolve) => {
      const isReady = (): boolean => root.querySelector('[data-results-state="ready"]') !== null;
      if (isReady()) return resolve();
      const watch = new MutationObserver(() => {
        if (!isReady()) return;
        watch.disconnect();
        resolve();
      });
      watch.observe(root, { subtree: true, attributes: true, attributeFilter: ['data-results-state'] });
    });
    void root.offsetHeight;
    const readyMs = performance.now() - started;
    render(null, root);
    return { shownMs, readyMs };
  },
  countHere() {
    const v = loaded();
    const started = performance.now();
    decideFunding(v, 'mes');
    return performance.now() - started;
  },
  async countAway() {
    // One worker for every call (warm, as the app's is after its first count): started here from the app's file.
    countWorker ??= new Worker(
      new URL('../../../src/ui/officer/counting/fundingWorker.ts', import.meta.url),
      {
        type: 'module',
      },
    );
    const w = countWorker;
    const question = mesQuestion(loaded());
    const started = performance.now();
    return new Promise((resolve, reject) => {
      w.onmessage = () => resolve(performance.now() - started);
      w.onerror = (e) => reject(new Error(e.message));
      w.postMessage({ id: 1, question }, questionBuffers(question));
    });
  },
  renderBaseline() {
    const started = performance.now();
    root.innerHTML = baselineHtml;
    void root.offsetHeight;
    const ms = performance.now() - started;
    root.innerHTML = '';
    return ms;
  },
};

(window as unknown as { bench: ResultsBenchApi }).bench = api;
document.getElementById('status')!.textContent = 'ready';
