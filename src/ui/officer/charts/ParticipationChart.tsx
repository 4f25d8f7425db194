/**
 * Residents who took part, hour by hour (Participation.byHour), as vertical bars with the count written above
 * each bar and the hour under it; the data table has every hour. Hours are keyed in UTC by the domain and shown
 * in the council's time zone (Europe/London unless told), so "10:00" is the hour on the venue's clock. Laid out
 * at its own width with words the page's text size, on screen and on paper (./useChartRoom.ts), as the results
 * chart is: a fixed 800-unit drawing printed its words at 12-13 px beside 14 px text. Residents who took part on
 * paper are not in it (a sheet has no time of day: participation.ts), so the bars add up to fewer than "Residents
 * who took part": when there are some, the chart says how many under the drawing, in its summary and in its table.
 */
import type { HourCount } from '../../../domain/results/participation';
import { clockText, dayMonthText, momentText } from '../../format/dates';
import { useT, type Translator } from '../../i18n';
import { ChartFigure } from './ChartFigure';
import { hoursModel, type HoursModel } from './geometry';
import { useChartRoom } from './useChartRoom';

export const DEFAULT_TIME_ZONE = 'Europe/London';

export interface ParticipationChartProps {
  hours: readonly HourCount[];
  /** Residents who took part on paper (Participation.byChannel.paper.residents): not in the chart, said so. */
  paperResidents?: number;
  timeZone?: string;
  isTableShown?: boolean;
}

function hourDate(hour: string): Date {
  return new Date(hour.replace(/Z$/, ':00Z'));
}

export function hourText(t: Translator, hour: string, timeZone = DEFAULT_TIME_ZONE): string {
  return clockText(t, hourDate(hour), timeZone);
}

export function dayText(t: Translator, hour: string, timeZone = DEFAULT_TIME_ZONE): string {
  return dayMonthText(t, hourDate(hour), timeZone);
}

function fullHourText(t: Translator, hour: string, timeZone: string): string {
  return momentText(t, hourDate(hour), timeZone, 'medium');
}

/** The chart in one sentence for screen readers: how many hours, from when to when, the busiest, the total. */
export function hoursSummary(t: Translator, m: HoursModel, zone: string): string {
  const first = m.bars[0];
  const last = m.bars[m.bars.length - 1];
  if (!first || !last || !m.busiest) return t('chart.empty');
  return t('chart.hours.summary', {
    count: m.bars.length,
    first: fullHourText(t, first.hour, zone),
    last: fullHourText(t, last.hour, zone),
    busiest: hourText(t, m.busiest.hour, zone),
    residents: t('chart.hours.residents', { count: m.busiest.residents }),
    total: t('chart.hours.residents', { count: m.total }),
  });
}

export function ParticipationChart(props: ParticipationChartProps) {
  const t = useT();
  const zone = props.timeZone ?? DEFAULT_TIME_ZONE;
  const [svgRef, room] = useChartRoom();
  const m = hoursModel(props.hours, { width: room?.width, fontSize: room?.font.size });
  const paper = props.paperResidents ?? 0;
  const leftOut = paper > 0 ? t('chart.hours.paperLeftOut', { count: paper }) : undefined;
  const summary = leftOut ? `${hoursSummary(t, m, zone)} ${leftOut}` : hoursSummary(t, m, zone);
  const drawing = (
    <>
      {m.ticks.map((tick) => (
        <g key={tick.value}>
          <line class="chart__grid" x1={m.plotLeft} x2={m.plotRight} y1={tick.y} y2={tick.y} />
          <text
            class="chart__axis-text"
            x={m.plotLeft - m.tickTextDx}
            y={tick.y + m.tickTextDy}
            text-anchor="end"
          >
            {t.number(tick.value)}
          </text>
        </g>
      ))}
      <line class="chart__baseline" x1={m.plotLeft} x2={m.plotRight} y1={m.plotBottom} y2={m.plotBottom} />
      {m.bars.map((bar) => (
        <g key={bar.hour}>
          <rect
            class="chart__bar chart__bar--ranked"
            x={bar.x}
            y={bar.y}
            width={bar.width}
            height={Math.max(bar.height, 0)}
          />
          {bar.hasValueLabel ? (
            <text class="chart__value" x={bar.x + bar.width / 2} y={bar.y - m.valueGap} text-anchor="middle">
              {t.number(bar.residents)}
            </text>
          ) : null}
          {bar.hasHourLabel ? (
            <text class="chart__axis-text" x={bar.x + bar.width / 2} y={m.hourTextY} text-anchor="middle">
              {hourText(t, bar.hour, zone)}
            </text>
          ) : null}
          {bar.isDayStart ? (
            <text class="chart__axis-text chart__day" x={bar.x} y={m.dayTextY}>
              {dayText(t, bar.hour, zone)}
            </text>
          ) : null}
        </g>
      ))}
    </>
  );
  return (
    <ChartFigure
      caption={t('chart.hours.caption')}
      summary={summary}
      viewBox={{ width: m.width, height: m.height }}
      drawing={drawing}
      svgRef={svgRef}
      isFitted
      note={leftOut}
      isTableShown={props.isTableShown}
      table={
        <table class="chart-table">
          <caption>{t('chart.hours.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart.hours.col.hour')}</th>
              <th scope="col" class="num">
                {t('participation.col.residents')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.hours.map((h) => (
              <tr key={h.hour}>
                <th scope="row">{fullHourText(t, h.hour, zone)}</th>
                <td class="num">{t.number(h.residents)}</td>
              </tr>
            ))}
          </tbody>
          {paper > 0 ? (
            <tfoot>
              <tr>
                <th scope="row">{t('chart.hours.paperRow')}</th>
                <td class="num">{t.number(paper)}</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      }
    />
  );
}
