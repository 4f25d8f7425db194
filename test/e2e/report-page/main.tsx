/**
 * The report preview page: the officer report rendered with fixture figures and the app's own styles and
 * message catalogue, built by test/e2e/reportPreview.test.ts (no app routes involved). ?rule=votes shows the
 * plain vote count; ?words=long has one very long unbroken word in several of its tables; ?words=bidi is the plain vote
 * count with a title holding a right-to-left override and one in Arabic.
 */
import { render } from 'preact';
import { addMessages } from '../../../src/ui/i18n';
import { officerReport } from '../../../src/ui/i18n/en/officer-report';
import { PrintButton } from '../../../src/ui/officer/report/PrintButton';
import { Report } from '../../../src/ui/officer/report/Report';
import '../../../src/ui/styles.css';
import { BIDI_REPORT, LONG_WORDS_REPORT, REPORT, VOTES_REPORT } from './fixture';

addMessages('en', officerReport);

// ?rule=votes: the same figures counted under the plain vote count (no funding decided).
const query = new URLSearchParams(location.search);
const words = query.get('words');
const props =
  query.get('rule') === 'votes'
    ? VOTES_REPORT
    : words === 'long'
      ? LONG_WORDS_REPORT
      : words === 'bidi'
        ? BIDI_REPORT
        : REPORT;

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
