/**
 * Results as horizontal bars, one per proposal in the rule's order (top N drawn, every row in the table), with
 * the pot: a vertical "Pot £…" line on the money axis (cost mode), or a line under the last proposal the pot
 * covers (points mode, plain vote counts). Funded or not is written on every bar and drawn as solid or hatched,
 * never by colour alone; a bar too narrow to see (a £0 idea) is a diamond, so every row drawn shows a mark.
 * Laid out at its own width with words the size of the page's text, none over another or over the pot's line
 * (./resultsGeometry.ts, measured by ./useChartRoom.ts).
 */
import { useId } from 'preact/hooks';
import { withoutBidiControls } from '../../../domain/validate';
import { useT, type Translator } from '../../i18n';
import { figureCount, figureName, type FigureKind } from '../figureWords';
import { ProposalTitle } from '../ProposalTitle';
import { ChartFigure, HatchPattern } from './ChartFigure';
import type { ChartText } from './chartText';
import { costStarts, DEFAULT_MAX_BARS, defaultMeasure, type ChartRow, type ResultsMeasure } from './geometry';
import { resultsModel, VALUE_SEPARATOR, type ResultsWords } from './resultsGeometry';
import { useChartRoom } from './useChartRoom';

export interface ResultsChartRow extends ChartRow {
  themeName?: string;
  supporters?: number;
  /** Titles of the duplicates merged into this proposal, whose choices count for it (../notOnBallot.ts). */
  includes?: readonly string[];
}

export interface ResultsChartProps {
  rows: readonly ResultsChartRow[];
  potPence: number;
  /** What each proposal's figure is (its name and unit, as on the officer screen): ../figureWords.ts. */
  figure: FigureKind;
  /** Bars show points or (for rules that fund) costs against the pot; by default cost when the rule funds. */
  measure?: ResultsMeasure;
  maxBars?: number;
  isTableShown?: boolean;
}

/** What the counting rule does with a proposal: funds it or not (only asked of rules that decide funding). */
export function fundedText(t: Translator, funded: boolean): string {
  return funded ? t('results.funded') : t('results.notFunded');
}

/** A bar's figures, in order: its figure ("4 votes") and cost, then Funded / Not funded when the rule funds. */
export function barValueParts(
  t: Translator,
  bar: Pick<ChartRow, 'points' | 'costPence' | 'funded'>,
  measure: ResultsMeasure,
  figure: FigureKind,
): string[] {
  const points = figureCount(t, figure, bar.points);
  const parts = measure === 'cost' ? [t.money(bar.costPence), points] : [points, t.money(bar.costPence)];
  if (bar.funded !== null) parts.push(fundedText(t, bar.funded));
  return parts;
}

/** The words at the end of a bar's line (on the chart they may wrap between figures). */
export function barValueText(
  t: Translator,
  bar: Pick<ChartRow, 'points' | 'costPence' | 'funded'>,
  measure: ResultsMeasure,
  figure: FigureKind,
): string {
  return barValueParts(t, bar, measure, figure).join(VALUE_SEPARATOR);
}

/** A diamond for a row whose bar is too narrow to see (a £0 idea): the row still shows, funded or not. */
function diamond({ cx, cy, r }: { cx: number; cy: number; r: number }): string {
  return `M${cx - r} ${cy}L${cx} ${cy - r}L${cx + r} ${cy}L${cx} ${cy + r}Z`;
}

function barClass(funded: boolean | null): string {
  if (funded === null) return 'chart__bar chart__bar--ranked';
  return funded ? 'chart__bar chart__bar--funded' : 'chart__bar chart__bar--not-funded';
}

function Words({ text, class: className }: { text: ChartText; class: string }) {
  return (
    <text class={className} x={text.x} y={text.y} text-anchor={text.anchor}>
      {text.text}
    </text>
  );
}

export function ResultsChart(props: ResultsChartProps) {
  const t = useT();
  const hatchId = `${useId()}-hatch`;
  const [svgRef, room] = useChartRoom();
  const measure = props.measure ?? defaultMeasure(props.rows);
  const words: ResultsWords = {
    value: (row, m) => barValueParts(t, row, m, props.figure),
    pot: t('chart.results.pot', { pot: t.money(props.potPence) }),
    runsOut: t('chart.results.potRunsOut', { pot: t.money(props.potPence) }),
    tick: (v, m) => (m === 'cost' ? t.money(v) : t.number(v)),
  };
  const m = resultsModel(props.rows, props.potPence, {
    measure,
    maxBars: props.maxBars ?? DEFAULT_MAX_BARS,
    width: room?.width,
    font: room?.font,
    words,
  });
  const decided = props.rows.some((r) => r.funded !== null);
  const fundedSentence = decided
    ? t('chart.results.summaryFunded', { count: m.fundedCount })
    : t('chart.results.summaryNoFunding');
  const top = props.rows[0];
  const summary =
    m.measure === 'cost'
      ? t('chart.results.summaryCost', {
          count: props.rows.length,
          funded: fundedSentence,
          pot: t.money(props.potPence),
          spent: t.money(m.spentPence),
          left: t.money(props.potPence - m.spentPence),
        })
      : t('chart.results.summaryPoints', {
          count: props.rows.length,
          top: withoutBidiControls(top?.title ?? ''),
          points: figureCount(t, props.figure, top?.points ?? 0),
          funded: fundedSentence,
          pot: t.money(props.potPence),
        });
  const drawing = (
    <>
      <defs>
        <HatchPattern id={hatchId} />
      </defs>
      {m.ticks.map((tick) => (
        <g key={tick.value}>
          <line class="chart__grid" x1={tick.x} x2={tick.x} y1={m.plotTop} y2={m.plotBottom} />
          <Words class="chart__axis-text" text={tick.text} />
        </g>
      ))}
      {m.bars.map((bar) =>
        bar.marker ? (
          <path
            key={bar.rank}
            class={`${barClass(bar.funded)} chart__marker`}
            d={diamond(bar.marker)}
            fill={bar.funded === false ? `url(#${hatchId})` : undefined}
          />
        ) : (
          <rect
            key={bar.rank}
            class={barClass(bar.funded)}
            x={bar.x}
            y={bar.barY}
            width={bar.width}
            height={bar.barHeight}
            fill={bar.funded === false ? `url(#${hatchId})` : undefined}
          />
        ),
      )}
      {m.potX !== null ? (
        <g class="chart__pot">
          {m.potSegments.map((s) => (
            <line key={s.y1} class="chart__pot-line" x1={m.potX ?? 0} x2={m.potX ?? 0} y1={s.y1} y2={s.y2} />
          ))}
          {m.potTexts.map((text) => (
            <Words key={text.y} class="chart__pot-text" text={text} />
          ))}
        </g>
      ) : null}
      {m.runsOutY !== null ? (
        <g class="chart__pot">
          <line class="chart__pot-line" x1={m.plotLeft} x2={m.plotRight} y1={m.runsOutY} y2={m.runsOutY} />
          {m.runsOutTexts.map((text) => (
            <Words key={text.y} class="chart__pot-text" text={text} />
          ))}
        </g>
      ) : null}
      {/* Words last, with a white halo (CSS) against the grid; the layout keeps them off the pot's line. */}
      {m.bars.map((bar) => (
        <g key={bar.rank}>
          <Words class="chart__label" text={bar.titleText} />
          {bar.valueTexts.map((text) => (
            <Words key={text.y} class="chart__value" text={text} />
          ))}
        </g>
      ))}
    </>
  );
  return (
    <ChartFigure
      caption={m.measure === 'cost' ? t('chart.results.captionCost') : t('chart.results.caption')}
      summary={summary}
      viewBox={{ width: m.width, height: m.height }}
      drawing={drawing}
      svgRef={svgRef}
      isFitted
      note={m.hiddenCount > 0 ? t('chart.results.more', { count: m.hiddenCount }) : undefined}
      table={<ResultsTable rows={props.rows} measure={m.measure} figure={props.figure} />}
      isTableShown={props.isTableShown}
    />
  );
}

/**
 * Every result row as a data table: the chart's alternative, and the report's results table. Its columns have
 * the names the officer screen's results table gives them (the same catalogue keys).
 */
export function ResultsTable(props: {
  rows: readonly ResultsChartRow[];
  measure: ResultsMeasure;
  figure: FigureKind;
  caption?: string;
}) {
  const t = useT();
  const starts = costStarts(props.rows);
  const hasTheme = props.rows.some((r) => r.themeName);
  const hasSupporters = props.rows.some((r) => r.supporters !== undefined);
  const decided = props.rows.some((r) => r.funded !== null);
  return (
    <table class="chart-table">
      <caption>{props.caption ?? t('chart.results.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col" class="num">
            {t('results.col.rank')}
          </th>
          <th scope="col">{t('results.col.proposal')}</th>
          {hasTheme ? <th scope="col">{t('results.col.theme')}</th> : null}
          <th scope="col" class="num">
            {figureName(t, props.figure)}
          </th>
          {hasSupporters ? (
            <th scope="col" class="num">
              {t('results.col.supporters')}
            </th>
          ) : null}
          <th scope="col" class="num">
            {t('results.col.cost')}
          </th>
          {props.measure === 'cost' && decided ? (
            <th scope="col" class="num">
              {t('results.col.runningTotal')}
            </th>
          ) : null}
          {decided ? <th scope="col">{t('results.col.funded')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r, i) => (
          <tr key={`${r.rank}-${r.title}`}>
            <td class="num">{t.number(r.rank)}</td>
            <th scope="row">
              <ProposalTitle title={r.title} includes={r.includes} />
            </th>
            {hasTheme ? <td>{r.themeName ?? ''}</td> : null}
            <td class="num">{t.number(r.points)}</td>
            {hasSupporters ? <td class="num">{t.number(r.supporters ?? 0)}</td> : null}
            <td class="num">{t.money(r.costPence)}</td>
            {props.measure === 'cost' && decided ? (
              <td class="num">{r.funded ? t.money((starts[i] ?? 0) + r.costPence) : ''}</td>
            ) : null}
            {decided ? <td>{r.funded === null ? '' : fundedText(t, r.funded)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
