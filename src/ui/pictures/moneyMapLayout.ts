/**
 * The money map as a picture: where a neighbourhood's public money flows, in four columns read in the direction
 * of the language (left to right in English, right to left in Urdu and Arabic):
 *
 *   public bodies -> their services -> what can be pooled -> the pot residents decide on
 *
 * A pure function from the session's money map and the room available to boxes and ribbons, so it is tested in
 * Node and the component only draws. Positions are logical: `x` is the distance from the inline-start edge (the
 * left in English, the right in Arabic); the component places boxes with `inset-inline-start` and mirrors the
 * ribbons' drawing in right-to-left, so this code knows no direction.
 *
 * Rules:
 * - Money is shown by the ribbons: a ribbon's thickness is proportional to the money it carries, on one scale for
 *   the ribbons from the bodies into their services (the largest flows share `PROPORTIONAL_LINES` lines of height)
 *   and one for those into the pooled money and the pot (as many as the gap between the columns holds side by
 *   side), and at least `MIN_RIBBON` px when the money is not zero (`MIN_POOL_RIBBON` into the pooled money), so a
 *   small service is still seen. A zero amount has no ribbon.
 * - Boxes carry the words (a name and an amount), always whole: a box is as tall as its words (`textHeight`, which
 *   the component measures in the page) and as its ribbons. A public body's box spans its services.
 * - Order: public bodies in the order the money map first names them, each body's services in the map's order.
 *   Ribbons leave and reach boxes in that order, so they never cross.
 * - Services that cannot be pooled have no ribbon on to the pooled money. The pooled box is centred on the
 *   services that feed it, weighted by money; the pot box is centred on the pooled box; both stay inside the
 *   picture.
 *
 * Two shapes (`MapShape`): four columns ('wide', every tablet), or, where four columns would leave a box too
 * narrow for its longest word (a phone, 320 px, 250% zoom), two ('narrow'): each public body with its services
 * under it (ribbons bend down from the body into each service), and the pooled money with the pot under it.
 * `fitFor` chooses; the same money, ribbons and order either way. In either shape the ribbons into the pooled
 * money run far up and down a narrow gap (a slanted band across it would be a hairline on the way), so each runs
 * along a lane of its own, on a scale of their own (the pot's ribbon with them) so that each is at least
 * MIN_POOL_RIBBON thick (`pooledInLanes`). In two columns (./moneyMapNarrow.ts) the words shrink rather
 * than break inside a word, down to MIN_SCALE; below that the boxes hold numbers and the words go in a list
 * under the picture, at the page's size (the component draws it; this layout is the same).
 */
import type { Pence } from '../../domain/types';
import { layoutNarrow } from './moneyMapNarrow';
import {
  bodyWords,
  clamp,
  columnsFor,
  groupByBody,
  MAP_SHAPE,
  MIN_RIBBON,
  MIN_SCALE,
  narrowColumns,
  pooledInLanes,
  PROPORTIONAL_LINES,
  ribbonThickness,
  serviceWords,
  totalNode,
  type MapLink,
  type MapNode,
  type MapShape,
  type MoneyMapInput,
  type MoneyMapLayout,
  type MoneyMapMetrics,
} from './moneyMapParts';

export {
  columnsFor,
  COLUMNS,
  groupByBody,
  MAP_SHAPE,
  MIN_RIBBON,
  MIN_POOL_RIBBON,
  MIN_SCALE,
  narrowColumns,
  PROPORTIONAL_LINES,
  ribbonThickness,
} from './moneyMapParts';
export type {
  LinkKind,
  LinkPath,
  MapLink,
  MapNode,
  MapShape,
  MoneyMapInput,
  MoneyMapLayout,
  MoneyMapMetrics,
  NodeKind,
} from './moneyMapParts';

/**
 * The largest share of full size (at most 1) at which a text `px` wide at full size fits the room `room(share)`
 * gives it, the room shrinking as the words (and so the padding and gaps, which are a share of a line) grow.
 */
function largestFit(px: number, room: (share: number) => number): number {
  if (px <= room(1)) return 1;
  let [fits, not] = [0, 1];
  for (let i = 0; i < 20; i++) {
    const mid = (fits + not) / 2;
    if (px * mid <= room(mid)) fits = mid;
    else not = mid;
  }
  return fits;
}

/**
 * The shape and the words' size (a share of the text around the picture) for a picture `width` wide, given the
 * text's line height and font size, the widest single word of its names and its widest amount at full size, and
 * the widest of its boxes' numbers, in px. Four columns when they give the longest word and the widest amount room
 * at MIN_SCALE or more (shrinking them that far if need be); else two, where the words shrink until the longest
 * word and the widest amount fit whole (names wrap only between words), down to MIN_SCALE. Where even that is not
 * enough, the words are not shrunk further (they were drawn at 10 px beside 27 px text): `hasLegend`, each box
 * shows its number (at full size, or as large as fits) and the words are listed under the picture.
 */
export function fitFor(
  width: number,
  text: { lineHeight: number; em: number },
  widest: { word: number; amount: number; key?: number },
): { shape: MapShape; scale: number; hasLegend: boolean } {
  const word = Math.max(1, widest.word);
  const amount = Math.max(1, widest.amount);
  const wide = columnsFor(width, text.lineHeight).textWidth;
  if (wide / word >= MIN_SCALE && wide / amount >= MIN_SCALE) {
    return { shape: MAP_SHAPE.wide, scale: Math.min(1, wide / word, wide / amount), hasLegend: false };
  }
  // Two columns' room depends on the text's size too (gaps and indent are counted in lines): worked out at the
  // size chosen.
  const room = (share: number): number =>
    narrowColumns(width, text.lineHeight * share, text.em * share).textWidth;
  const scale = Math.min(largestFit(amount, room), largestFit(word, room));
  if (scale >= MIN_SCALE) return { shape: MAP_SHAPE.narrow, scale, hasLegend: false };
  return { shape: MAP_SHAPE.narrow, scale: largestFit(Math.max(1, widest.key ?? 1), room), hasLegend: true };
}

/** The picture for a money map; an empty picture (height 0) when the map has no services. */
export function layoutMoneyMap(input: MoneyMapInput, m: MoneyMapMetrics): MoneyMapLayout {
  if (m.shape === MAP_SHAPE.narrow) return layoutNarrow(input, m);
  const lh = m.lineHeight;
  const width = Math.max(0, m.width);
  const { gap, columnWidth, padding, textWidth } = columnsFor(width, lh);
  const columnX = (i: number): number => i * (columnWidth + gap);
  const wordsHeight = (key: string, name: string, amount: string): number =>
    Math.max(lh, m.textHeight({ key, name, amount }, textWidth));

  const empty: MoneyMapLayout = {
    shape: MAP_SHAPE.wide,
    width,
    height: 0,
    columnWidth,
    gap,
    padding,
    textWidth,
    nodes: [],
    links: [],
  };
  if (input.streams.length === 0) return empty;

  const total = input.streams.reduce((sum, s) => sum + s.annualPence, 0);
  const scale = total > 0 ? (PROPORTIONAL_LINES * lh) / total : 0;
  const thick = (pence: Pence): number => ribbonThickness(pence, scale);

  const nodes: MapNode[] = [];
  const links: MapLink[] = [];
  const services: MapNode[] = [];
  const inGroupGap = padding;
  const groupGap = Math.round(lh * 0.75);
  let top = 0;

  groupByBody(input.streams).forEach((group, g) => {
    const boxes = group.streams.map((s): MapNode => {
      const words = serviceWords(s, g, m.money);
      const textHeight = wordsHeight(words.key, words.name, words.amount);
      return {
        ...words,
        x: columnX(1),
        y: 0,
        width: columnWidth,
        height: Math.max(textHeight + 2 * padding, thick(s.annualPence)),
        textHeight,
      };
    });
    const words = bodyWords(group, g, m.money);
    const bodyText = wordsHeight(words.key, words.name, words.amount);
    const slices = boxes.reduce((sum, b) => sum + thick(b.pence), 0);
    const span = boxes.reduce((sum, b) => sum + b.height, 0) + (boxes.length - 1) * inGroupGap;
    const height = Math.max(span, bodyText + 2 * padding, slices);
    const body: MapNode = {
      ...words,
      x: columnX(0),
      y: top,
      width: columnWidth,
      height,
      textHeight: bodyText,
    };
    nodes.push(body);
    let y = top + (height - span) / 2;
    let sliceY = top + (height - slices) / 2;
    for (const box of boxes) {
      box.y = y;
      y += box.height + inGroupGap;
      const t = thick(box.pence);
      if (t > 0) {
        links.push({
          kind: 'spend',
          from: body.key,
          to: box.key,
          group: g,
          pence: box.pence,
          x0: columnX(0) + columnWidth,
          y0: sliceY,
          x1: columnX(1),
          y1: box.y + (box.height - t) / 2,
          thickness: t,
        });
      }
      sliceY += t;
      nodes.push(box);
      services.push(box);
    }
    top += height + groupGap;
  });
  const servicesBottom = top - groupGap;

  // What can be pooled: fed by every poolable service, centred on them (weighted by money). The ribbons into it
  // run along lanes in the gap, clear of the boxes either side by half a padding, on their own scale (so each is
  // seen however far it climbs), and the pot's with them.
  const poolable = services.filter((s) => s.isPoolable).reduce((sum, s) => sum + s.pence, 0);
  const pooledAmount = m.money(poolable);
  const pooledText = wordsHeight('pooled', input.titles.pooled, pooledAmount);
  const {
    thick: poolThick,
    ribbons,
    slices: pooledSlices,
    height: pooledHeight,
    y: pooledY,
  } = pooledInLanes(services, {
    x0: columnX(1) + columnWidth,
    x1: columnX(2),
    margin: padding / 2,
    most: scale,
    wordsHeight: pooledText + 2 * padding,
    centreOf: servicesBottom / 2,
    place: (height, centre) => clamp(centre - height / 2, 0, Math.max(0, servicesBottom - height)),
  });
  const pooled = totalNode('pooled', input.titles.pooled, poolable, pooledAmount, {
    x: columnX(2),
    y: pooledY,
    width: columnWidth,
    height: pooledHeight,
    textHeight: pooledText,
  });
  links.push(...ribbons);
  nodes.push(pooled);

  // The pot: taken from the pooled money (never drawn thicker than what feeds it), centred on the pooled box.
  const potAmount = m.money(input.potPence);
  const potText = wordsHeight('pot', input.titles.pot, potAmount);
  const potRibbon =
    poolable > 0 ? Math.min(poolThick(input.potPence), Math.max(pooledSlices, MIN_RIBBON)) : 0;
  const potHeight = Math.max(potText + 2 * padding, potRibbon);
  const bottom = Math.max(servicesBottom, pooledY + pooledHeight);
  const potY = clamp(pooledY + pooledHeight / 2 - potHeight / 2, 0, Math.max(0, bottom - potHeight));
  const pot = totalNode('pot', input.titles.pot, input.potPence, potAmount, {
    x: columnX(3),
    y: potY,
    width: columnWidth,
    height: potHeight,
    textHeight: potText,
  });
  if (potRibbon > 0) {
    links.push({
      kind: 'pot',
      from: pooled.key,
      to: pot.key,
      group: -1,
      pence: input.potPence,
      x0: columnX(2) + columnWidth,
      y0: pooledY + (pooledHeight - potRibbon) / 2,
      x1: columnX(3),
      y1: potY + (potHeight - potRibbon) / 2,
      thickness: potRibbon,
    });
  }
  nodes.push(pot);

  const height = Math.ceil(Math.max(bottom, potY + potHeight));
  return { shape: MAP_SHAPE.wide, width, height, columnWidth, gap, padding, textWidth, nodes, links };
}

/** Corners of a ribbon running along a lane are rounded this far (px, inside edge), room allowing. */
const LANE_ROUND = 6;

/**
 * A 'lane' ribbon's outline: across from x0 to its lane, along the lane, across into x1, rounding each corner.
 * Worked out going down; one going up is the same turned upside down (y to -y).
 */
function lanePath(l: MapLink, r: (n: number) => number): string | null {
  const t = l.thickness;
  const lane = l.laneX ?? (l.x0 + l.x1 - t) / 2;
  const isDown = l.y1 >= l.y0;
  const [y0, y1] = isDown ? [l.y0, l.y1] : [-(l.y0 + t), -(l.y1 + t)];
  const rise = y1 - y0;
  if (rise < t) return null;
  const round = Math.max(0, Math.min(LANE_ROUND, (rise - t) / 2, lane - l.x0, l.x1 - lane - t));
  const o = round + t;
  const [a, b] = [lane, lane + t];
  const at = (x: number, y: number): string => `${r(x)} ${r(isDown ? y : -y)}`;
  return (
    `M${at(l.x0, y0)}L${at(b - o, y0)}Q${at(b, y0)} ${at(b, y0 + o)}` +
    `L${at(b, y1 - round)}Q${at(b, y1)} ${at(b + round, y1)}L${at(l.x1, y1)}L${at(l.x1, y1 + t)}` +
    `L${at(a + o, y1 + t)}Q${at(a, y1 + t)} ${at(a, y1 + t - o)}` +
    `L${at(a, y0 + t + round)}Q${at(a, y0 + t)} ${at(a - round, y0 + t)}L${at(l.x0, y0 + t)}Z`
  );
}

/** The outline of a ribbon: a band from where it leaves to where it arrives, `thickness` thick at both ends. */
export function ribbonPath(l: MapLink): string {
  const r = (n: number): number => Math.round(n * 10) / 10;
  if (l.path === 'lane') {
    // A lane too short to turn in (the boxes face each other) is drawn across.
    const lane = lanePath(l, r);
    if (lane) return lane;
  }
  if (l.path === 'down') {
    const [x0, y0, x1, y1] = [l.x0, l.y0, l.x1, l.y1].map(r);
    const [e0, e1] = [l.x0 + l.thickness, l.x1 + l.thickness].map(r);
    return `M${x0} ${y0}L${e0} ${y0}L${e1} ${y1}L${x1} ${y1}Z`;
  }
  if (l.path === 'bend') {
    // Down from the box above, turning a quarter round into the box beside: the outer edge round the corner
    // (x0, y1 + thickness), the inner edge round (x0 + thickness, y1).
    const [x0, y0, x1, y1] = [l.x0, l.y0, l.x1, l.y1].map(r);
    const [a, b] = [l.x0 + l.thickness, l.y1 + l.thickness].map(r);
    return `M${x0} ${y0}Q${x0} ${b} ${x1} ${b}L${x1} ${y1}Q${a} ${y1} ${a} ${y0}Z`;
  }
  const mid = (l.x0 + l.x1) / 2;
  const [x0, x1, m, y0, y1, b0, b1] = [
    l.x0,
    l.x1,
    mid,
    l.y0,
    l.y1,
    l.y0 + l.thickness,
    l.y1 + l.thickness,
  ].map(r);
  return `M${x0} ${y0}C${m} ${y0} ${m} ${y1} ${x1} ${y1}L${x1} ${b1}C${m} ${b1} ${m} ${b0} ${x0} ${b0}Z`;
}
