/**
 * The report preview page: the officer report rendered with fixture figures and the app's own styles and
 * message catalogue, built by test/e2e/reportPreview.test.ts (no app routes involved). ?rule=votes shows the
 * plain vote count.
 */
import { render } from 'preact';
import { addMessages } from '../../../src/ui/i18n';
import { officerReport } from '../../../src/ui/i18n/en/officer-report';
import { PrintButton } from '../../../src/ui/officer/report/PrintButton';
import { Report } from '../../../src/ui/officer/report/Report';
import '../../../src/ui/styles.css';
import { REPORT, VOTES_REPORT } from './fixture';

addMessages('en', officerReport);

// ?rule=votes: the same figures counted under the plain vote count (no funding decided).
const props = new URLSearchParams(location.search).get('rule') === 'votes' ? VOTES_REPORT : REPORT;

const app = document.getElementById('app');
if (app) {
  render(
    <main class="page" id="main">
      <div class="btn-row no-print">
        <PrintButton />
      </div>
      <Report {...props} />
    </main>,
    app,
  );
}
