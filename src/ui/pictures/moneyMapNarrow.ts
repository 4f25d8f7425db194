/**
 * The money map picture in two columns (see ./moneyMapLayout.ts, `MAP_SHAPE.narrow`), for a screen too narrow for
 * four: a phone, 320 px, 250% zoom.
 */
import type { Pence } from '../../domain/types';
import {
  bodyWords,
  clamp,
  groupByBody,
  MAP_SHAPE,
  MIN_RIBBON,
  narrowColumns,
  pooledInLanes,
  PROPORTIONAL_LINES,
  ribbonThickness,
  serviceWords,
  totalNode,
  type MapLink,
  type MapNode,
  type MoneyMapInput,
  type MoneyMapLayout,
  type MoneyMapMetrics,
} from './moneyMapParts';

/**
 * The narrow shape: down the inline-start column, each body's box with its services under it, indented; a ribbon
 * bends down from the body's bottom edge into each service (the first service's on the inside of the bend, so
 * they never cross). Across the gap, the pooled money (centred on what feeds it, as in four columns) with the pot
 * under it, joined by a straight ribbon. The bodies' money is on the four columns' scale or smaller, so the
 * largest body's ribbons fit the indent; the ribbons into the pooled money, which run along the gap, on their own
 * (`pooledInLanes`).
 */
export function layoutNarrow(input: MoneyMapInput, m: MoneyMapMetrics): MoneyMapLayout {
  const lh = m.lineHeight;
  const width = Math.max(0, m.width);
  const groups = groupByBody(input.streams);
  const total = input.streams.reduce((sum, s) => sum + s.annualPence, 0);
  const base = narrowColumns(width, lh, m.em);
  const padding = base.padding;
  // The ribbons of one body side by side under its box, clear of its edge and of the services by half a padding
  // (as the ribbons into the pooled money are clear of the boxes either side of the gap).
  const margin = padding / 2;
  const room = Math.max(1, base.indent - 2 * margin);
  const largest = Math.max(0, ...groups.map((g) => g.streams.reduce((sum, s) => sum + s.annualPence, 0)));
  const wideScale = total > 0 ? (PROPORTIONAL_LINES * lh) / total : 0;
  const scale = Math.min(wideScale, room / Math.max(1, largest));
  const thick = (pence: Pence): number => ribbonThickness(pence, scale);
  // Many small services need MIN_RIBBON each: the indent grows to fit them.
  const widestSlices = Math.max(
    0,
    ...groups.map((g) => g.streams.reduce((sum, s) => sum + thick(s.annualPence), 0)),
  );
  const { gap, columnWidth, poolWidth, indent, textWidth } = narrowColumns(
    width,
    lh,
    m.em,
    Math.max(base.indent, widestSlices + 2 * margin),
  );
  const poolX = columnWidth + gap;
  const wordsHeight = (key: string, name: string, amount: string, boxWidth: number): number =>
    Math.max(lh, m.textHeight({ key, name, amount }, Math.max(1, boxWidth - 2 * padding)));
  const shape = MAP_SHAPE.narrow;
  if (input.streams.length === 0) {
    return { shape, width, height: 0, columnWidth, gap, padding, textWidth, nodes: [], links: [] };
  }

  const nodes: MapNode[] = [];
  const links: MapLink[] = [];
  const services: MapNode[] = [];
  const groupGap = Math.round(lh * 0.75);
  let top = 0;
  groups.forEach((group, g) => {
    const words = bodyWords(group, g, m.money);
    const bodyText = wordsHeight(words.key, words.name, words.amount, columnWidth);
    const body: MapNode = {
      ...words,
      x: 0,
      y: top,
      width: columnWidth,
      height: bodyText + 2 * padding,
      textHeight: bodyText,
    };
    nodes.push(body);
    const bodyBottom = body.y + body.height;
    let y = bodyBottom + padding;
    // The first service's ribbon is the innermost of the bend: slices are laid from the indent back.
    let sliceX = indent - margin;
    for (const s of group.streams) {
      const words = serviceWords(s, g, m.money);
      const t = thick(s.annualPence);
      const textHeight = wordsHeight(words.key, words.name, words.amount, columnWidth - indent);
      const box: MapNode = {
        ...words,
        x: indent,
        y,
        width: columnWidth - indent,
        height: Math.max(textHeight + 2 * padding, t),
        textHeight,
      };
      if (t > 0) {
        sliceX -= t;
        links.push({
          kind: 'spend',
          from: body.key,
          to: box.key,
          group: g,
          pence: box.pence,
          x0: sliceX,
          y0: bodyBottom,
          x1: indent,
          y1: box.y + (box.height - t) / 2,
          thickness: t,
          path: 'bend',
        });
      }
      y += box.height + padding;
      nodes.push(box);
      services.push(box);
    }
    top = y - padding + groupGap;
  });
  const servicesBottom = top - groupGap;

  const poolable = services.filter((s) => s.isPoolable).reduce((sum, s) => sum + s.pence, 0);
  const pooledAmount = m.money(poolable);
  const pooledText = wordsHeight('pooled', input.titles.pooled, pooledAmount, poolWidth);
  const potAmount = m.money(input.potPence);
  const potText = wordsHeight('pot', input.titles.pot, potAmount, poolWidth);
  const potHeight = potText + 2 * padding;
  const potGap = Math.round(1.5 * lh);
  const {
    thick: poolThick,
    ribbons,
    slices: pooledSlices,
    height: pooledHeight,
    y: pooledY,
  } = pooledInLanes(services, {
    x0: columnWidth,
    x1: poolX,
    margin,
    most: wideScale,
    wordsHeight: pooledText + 2 * padding,
    centreOf: servicesBottom / 2,
    // The pot under it: both inside the picture.
    place: (height, centre) =>
      clamp(centre - height / 2, 0, Math.max(0, servicesBottom - (height + potGap + potHeight))),
  });
  const potRibbon =
    poolable > 0
      ? Math.min(poolThick(input.potPence), Math.max(pooledSlices, MIN_RIBBON), poolWidth - 2 * padding)
      : 0;
  const pooled = totalNode('pooled', input.titles.pooled, poolable, pooledAmount, {
    x: poolX,
    y: pooledY,
    width: poolWidth,
    height: pooledHeight,
    textHeight: pooledText,
  });
  links.push(...ribbons);
  nodes.push(pooled);

  const pot = totalNode('pot', input.titles.pot, input.potPence, potAmount, {
    x: poolX,
    y: pooledY + pooledHeight + potGap,
    width: poolWidth,
    height: potHeight,
    textHeight: potText,
  });
  if (potRibbon > 0) {
    const x = poolX + (poolWidth - potRibbon) / 2;
    links.push({
      kind: 'pot',
      from: pooled.key,
      to: pot.key,
      group: -1,
      pence: input.potPence,
      x0: x,
      y0: pooledY + pooledHeight,
      x1: x,
      y1: pot.y,
      thickness: potRibbon,
      path: 'down',
    });
  }
  nodes.push(pot);

  const height = Math.ceil(Math.max(servicesBottom, pot.y + potHeight));
  return { shape, width, height, columnWidth, gap, padding, textWidth, nodes, links };
}
