/**
 * A chart with what makes it accessible: a <figure> whose <figcaption> names it, the drawing as one image with a
 * summary in words (role="img" + aria-label), an optional note, and the same figures as a real data table
 * behind a "Show as a table" button (aria-expanded, described by the caption so two such buttons can be told
 * apart). The table's container is always in the page (the button controls it); the table itself is only built
 * when asked for, so a 300-proposal chart does not build a second hidden 300-row table.
 */
import type { ComponentChildren, Ref } from 'preact';
import { useId, useState } from 'preact/hooks';
import { useT } from '../../i18n';
import './charts.css';

export interface ChartFigureProps {
  caption: string;
  /** One or two sentences saying what the chart shows, read by screen readers in place of the drawing. */
  summary: string;
  viewBox: { width: number; height: number };
  /** The SVG's contents. */
  drawing: ComponentChildren;
  /** Shown under the drawing, e.g. "and 280 more proposals in the table". */
  note?: string;
  table: ComponentChildren;
  isTableShown?: boolean;
  class?: string;
  /** For a chart laid out at its own width (./useChartRoom.ts): the drawing, measured. */
  svgRef?: Ref<SVGSVGElement>;
  /** Words drawn the size of the page's text (the drawing is one unit a CSS pixel). */
  isFitted?: boolean;
}

export function ChartFigure(props: ChartFigureProps) {
  const t = useT();
  const id = useId();
  const [isTableShown, setTableShown] = useState(props.isTableShown ?? false);
  const tableId = `${id}-table`;
  const captionId = `${id}-caption`;
  return (
    <figure class={`chart ${props.class ?? ''}`.trim()}>
      <figcaption id={captionId} class="chart__caption">
        {props.caption}
      </figcaption>
      <svg
        ref={props.svgRef}
        class={props.isFitted ? 'chart__svg chart__svg--fitted' : 'chart__svg'}
        role="img"
        aria-label={props.summary}
        viewBox={`0 0 ${props.viewBox.width} ${props.viewBox.height}`}
        preserveAspectRatio="xMinYMin meet"
      >
        {props.drawing}
      </svg>
      {props.note ? <p class="chart__note">{props.note}</p> : null}
      <button
        type="button"
        class="btn chart__toggle no-print"
        aria-expanded={isTableShown}
        aria-controls={tableId}
        aria-describedby={captionId}
        onClick={() => setTableShown(!isTableShown)}
      >
        {isTableShown ? t('chart.hideTable') : t('chart.showTable')}
      </button>
      <div id={tableId} class="chart__table" hidden={!isTableShown}>
        {isTableShown ? props.table : null}
      </div>
    </figure>
  );
}

/** Diagonal hatching, so "not funded" reads without colour (and prints in black and white). */
export function HatchPattern({ id }: { id: string }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
      <rect class="chart__hatch-bg" width="8" height="8" />
      <line class="chart__hatch-line" x1="0" y1="0" x2="0" y2="8" stroke-width="3" />
    </pattern>
  );
}
