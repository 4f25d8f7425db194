/** "Print or save as PDF": opens the browser's print dialog, where Save as PDF is one of the printers. Not printed. */
import { useT } from '../../i18n';

export function PrintButton(props: { onPrint?: () => void }) {
  const t = useT();
  return (
    <button
      type="button"
      class="btn btn--primary no-print"
      onClick={() => (props.onPrint ? props.onPrint() : window.print())}
    >
      {t('report.print')}
    </button>
  );
}
