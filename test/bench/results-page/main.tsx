/**
 * The results view bench page: the officer view's real SessionSection (results table under the session's
 * default rule, each idea, excluded ballots, the day, exports) rendered with Preact for a large session, beside
 * a plain table of the same rows written with innerHTML. Driven from test/bench/resultsView.ts through
 * `window.bench`; the session arrives as a Yjs update (not measured).
 */
import { render } from 'preact';
import * as Y from 'yjs';
import { viewSession, type SessionView } from '../../../src/doc/session';
import { sessionResults, type RuleName } from '../../../src/domain/results/results';
import { I18nContext, makeTranslator } from '../../../src/ui/i18n';
import '../../../src/ui/officer/messages';
import { SessionSection } from '../../../src/ui/officer/SessionSection';
import '../../../src/ui/styles.css';
import '../../../src/ui/officer/officer.css';

export interface ResultsBenchApi {
  load(url: string): Promise<{ proposals: number; ballots: number }>;
  /** Renders the view into a fresh element and forces layout; returns the time in ms, then removes it. */
  renderApp(rule: RuleName): number;
  /** The same rows as a plain table through innerHTML (no counting, no components), with layout. */
  renderBaseline(): number;
}

const root = document.getElementById('root')!;
const t = makeTranslator('en');
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
    const doc = new Y.Doc();
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
  renderApp(rule) {
    const v = loaded();
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
    const ms = performance.now() - started;
    render(null, root);
    return ms;
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
