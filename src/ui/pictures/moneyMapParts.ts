/**
 * The money map picture's parts (./moneyMapLayout.ts): its shapes, columns, boxes and ribbons, and what both its
 * layouts (four columns there, two in ./moneyMapNarrow.ts) build them with.
 */
import type { FundingStream, Pence } from '../../domain/types';

/** Lines of text height that the whole map's money (every service added up) is drawn across. */
export const PROPORTIONAL_LINES = 16;
/** Thinnest ribbon for money that is not zero, in px. */
export const MIN_RIBBON = 2;
/**
 * Thinnest ribbon into the pooled money, in px (unless so many feed it that they would not fit side by side in the
 * gap they run along), so a phone or a tablet still shows which services feed it all along the way.
 */
export const MIN_POOL_RIBBON = 4;

export const COLUMNS = ['body', 'service', 'pooled', 'pot'] as const;
export type NodeKind = (typeof COLUMNS)[number];

export const MAP_SHAPE = {
  /** Four columns side by side: bodies, services, pooled money, pot. */
  wide: 'wide',
  /** Two columns: bodies each above their services; the pooled money above the pot. */
  narrow: 'narrow',
} as const;
export type MapShape = (typeof MAP_SHAPE)[keyof typeof MAP_SHAPE];

/**
 * Smallest the picture's words get, as a share of the text around it, so that its longest word and its widest
 * amount fit their boxes whole (e.g. in large text on an upright tablet). Where four columns need smaller words
 * the picture takes two; where two do too (larger text or 200% zoom on a phone: the words were 10 px beside 27 px
 * text), each box shows a number and the words are listed under the picture at the page's size (`hasLegend`).
 * The tables below keep the full size.
 */
export const MIN_SCALE = 0.7;
/**
 * Narrow shape: room across is measured in lines no taller than this many font sizes, so that a script with tall
 * lines (Urdu's Nastaliq, 2.1) does not take its words' width for gaps and indents.
 */
const ACROSS_EMS = 1.5;

export interface MoneyMapInput {
  streams: readonly FundingStream[];
  potPence: Pence;
  /** The words on the last two boxes ("Money that can be pooled", "The pot you help decide on"). */
  titles: { pooled: string; pot: string };
}

export interface MoneyMapMetrics {
  /** Width of the picture, in CSS px. */
  width: number;
  /** Height of one line of label text, in CSS px: sets the spacing and the money's scale. */
  lineHeight: number;
  /** The label text's font size, in CSS px: the narrow shape's room across is measured in it (`narrowColumns`). */
  em: number;
  /**
   * Height of a box's words (its name above its amount) wrapped to `width`, in CSS px. The component measures
   * them in the page; tests count characters.
   */
  textHeight: (words: { key: string; name: string; amount: string }, width: number) => number;
  /** Money as the resident reads it (the catalogue's `t.money`). */
  money: (pence: Pence) => string;
  /** Four columns unless told otherwise (see `fitFor`). */
  shape?: MapShape;
}

export interface MapNode {
  kind: NodeKind;
  /** Unique within the picture: `body:<index>`, the stream id for a service, `pooled`, `pot`. */
  key: string;
  /** The body's or service's name as typed (residents' words), or the box's title. */
  name: string;
  pence: Pence;
  amount: string;
  /** Index of the public body, for its colour; -1 for the pooled and pot boxes. */
  group: number;
  /** Services: whether it can be pooled. Bodies: whether any of its services can. True for pooled and pot. */
  isPoolable: boolean;
  /** Logical position: x from the inline-start edge, y from the top; all in CSS px. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Height of the words inside, as `textHeight` gave it (the box adds `padding` above and below). */
  textHeight: number;
}

export type LinkKind = 'spend' | 'pool' | 'pot';

/**
 * How a ribbon runs: 'across' from the inline-end edge of one box (x0) to the inline-start edge of the next (x1);
 * 'bend' down from the bottom edge of a box (x0 to x0 + thickness, at y0) and round into the inline-start edge of
 * one below (x1, y1 to y1 + thickness); 'down' straight from a box's bottom edge (y0) to the top of the one under
 * it (y1), x0 to x0 + thickness; 'lane' from the inline-end edge of a box (x0) across to its lane (`laneX` to
 * `laneX` + thickness), up or down the lane, and across into the inline-start edge of the next box (x1), so it is
 * as thick all the way as it is at its ends (an 'across' ribbon that climbs far is a hairline in the middle).
 */
export type LinkPath = 'across' | 'bend' | 'down' | 'lane';

export interface MapLink {
  kind: LinkKind;
  /** Keys of the boxes it joins. */
  from: string;
  to: string;
  group: number;
  pence: Pence;
  x0: number;
  /** Top of the ribbon where it leaves, and where it arrives. */
  y0: number;
  x1: number;
  y1: number;
  thickness: number;
  /** 'across' when absent. */
  path?: LinkPath;
  /** 'lane': where its lane starts (inline-start edge). */
  laneX?: number;
}

export interface MoneyMapLayout {
  shape: MapShape;
  width: number;
  height: number;
  /** Wide: every column's width. Narrow: the bodies' (the pooled money's column is `width - columnWidth - gap`). */
  columnWidth: number;
  /** Room between columns, where the ribbons run. */
  gap: number;
  /** Padding inside a box, around its words (borders included). */
  padding: number;
  /** Width the words of the narrowest boxes are wrapped to (a box's own: its width less twice the padding). */
  textWidth: number;
  nodes: MapNode[];
  links: MapLink[];
}

export const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/** Public bodies in the order the map first names them, each with its services in the map's order. */
export function groupByBody(streams: readonly FundingStream[]): { name: string; streams: FundingStream[] }[] {
  const groups = new Map<string, FundingStream[]>();
  for (const s of streams) groups.set(s.publicBody, [...(groups.get(s.publicBody) ?? []), s]);
  return [...groups].map(([name, list]) => ({ name, streams: list }));
}

/** Ribbon thickness for an amount at `scale` px per penny: 0 for nothing, at least MIN_RIBBON otherwise. */
export function ribbonThickness(pence: Pence, scale: number): number {
  return pence > 0 ? Math.max(MIN_RIBBON, pence * scale) : 0;
}

/**
 * The four columns across `width`: the room between them (for the ribbons) grows with the width, between 1.2 and 3
 * lines; a box's padding is a third of a line.
 */
export function columnsFor(
  width: number,
  lineHeight: number,
): { gap: number; columnWidth: number; padding: number; textWidth: number } {
  const gap = clamp(Math.max(0, width) * 0.045, 1.2 * lineHeight, 3 * lineHeight);
  const columnWidth = Math.max(1, (width - 3 * gap) / COLUMNS.length);
  const padding = Math.round(lineHeight / 3);
  return { gap, columnWidth, padding, textWidth: Math.max(1, columnWidth - 2 * padding) };
}

/**
 * The two columns of the narrow shape: bodies (and, indented by `indent`, their services) and the pooled money
 * with the pot, the services' boxes as wide as the pooled money's (the narrowest boxes, which the words are fitted
 * to, as wide as they can be). Room across is counted in `across` lines (a line, or 1.5 font sizes where lines are
 * taller): the indent, which the ribbons bend down through, is at least 1.5 of them; the gap, where the ribbons
 * into the pooled money run up and down side by side, 14% of the width, within 1.2 and 2.5 of them.
 */
export function narrowColumns(
  width: number,
  lineHeight: number,
  em: number,
  indent?: number,
): {
  gap: number;
  columnWidth: number;
  poolWidth: number;
  indent: number;
  padding: number;
  textWidth: number;
} {
  const across = Math.min(lineHeight, ACROSS_EMS * em);
  const gap = clamp(Math.max(0, width) * 0.14, 1.2 * across, 2.5 * across);
  const padding = Math.round(across / 3);
  indent ??= 1.5 * across;
  const poolWidth = Math.max(1, (width - gap - indent) / 2);
  const columnWidth = Math.max(1, width - gap - poolWidth);
  const textWidth = Math.max(1, Math.min(columnWidth - indent, poolWidth) - 2 * padding);
  return { gap, columnWidth, poolWidth, indent, padding, textWidth };
}

/** The pooled money's or the pot's box (no body's colour; always poolable). */
export function totalNode(
  kind: 'pooled' | 'pot',
  name: string,
  pence: Pence,
  amount: string,
  at: { x: number; y: number; width: number; height: number; textHeight: number },
): MapNode {
  return { kind, key: kind, name, pence, amount, group: -1, isPoolable: true, ...at };
}

/**
 * What can be pooled: the services that feed it, their money, how thick their ribbons are together, and where
 * the pooled box is centred (on them, weighted by money; `otherwise` when none can be pooled).
 */
export function poolableOf(
  services: readonly MapNode[],
  thick: (pence: Pence) => number,
  otherwise: number,
): { feeding: MapNode[]; poolable: Pence; slices: number; centre: number } {
  const feeding = services.filter((s) => s.isPoolable);
  const poolable = feeding.reduce((sum, s) => sum + s.pence, 0);
  const slices = feeding.reduce((sum, s) => sum + thick(s.pence), 0);
  const centreOf = (n: MapNode): number => n.y + n.height / 2;
  const centre =
    poolable > 0
      ? feeding.reduce((sum, s) => sum + centreOf(s) * s.pence, 0) / poolable
      : feeding.length > 0
        ? feeding.reduce((sum, s) => sum + centreOf(s), 0) / feeding.length
        : otherwise;
  return { feeding, poolable, slices, centre };
}

/** Ribbons from each feeding service's inline-end edge (x0) into the pooled box (x1), stacked from `top`, in order. */
export function poolRibbons(
  feeding: readonly MapNode[],
  thick: (pence: Pence) => number,
  x0: number,
  x1: number,
  top: number,
): MapLink[] {
  const links: MapLink[] = [];
  let sliceY = top;
  for (const s of feeding) {
    const t = thick(s.pence);
    if (t === 0) continue;
    links.push({
      kind: 'pool',
      from: s.key,
      to: 'pooled',
      group: s.group,
      pence: s.pence,
      x0,
      y0: s.y + (s.height - t) / 2,
      x1,
      y1: sliceY,
      thickness: t,
    });
    sliceY += t;
  }
  return links;
}

/**
 * How thick the ribbons into the pooled money (and on into the pot) are, in either shape: on a scale of their own,
 * one for them all (so a larger amount is never thinner), as thick as the gap they run along allows (`room`: the
 * ribbons of each of `sides` side by side in it) but no thicker than the map's scale (`most`, px per penny) draws
 * them, and at least MIN_POOL_RIBBON (less only when too many run side by side for that). The ribbons from the
 * bodies into their services keep the map's scale.
 */
function poolThickness(
  sides: readonly (readonly Pence[])[],
  room: number,
  most: number,
): (pence: Pence) => number {
  const paid = sides.map((side) => side.filter((p) => p > 0));
  const crowded = Math.max(1, ...paid.map((side) => side.length));
  const least = Math.max(MIN_RIBBON, Math.min(MIN_POOL_RIBBON, room / crowded));
  const across = (scale: number): number =>
    Math.max(0, ...paid.map((side) => side.reduce((sum, p) => sum + Math.max(least, p * scale), 0)));
  let scale = most;
  if (across(most) > room) {
    let [fits, not] = [0, most];
    for (let i = 0; i < 40; i++) {
      const mid = (fits + not) / 2;
      if (across(mid) <= room) fits = mid;
      else not = mid;
    }
    scale = fits;
  }
  return (pence) => (pence > 0 ? Math.max(least, pence * scale) : 0);
}

const isGoingDown = (l: MapLink): boolean => l.y1 >= l.y0;

/**
 * Each ribbon into the pooled money given a lane in the gap, its inline-end edge at `right`: ribbons going down
 * (from services above their place in the pooled box) side by side, the first nearest the pooled box; those going
 * up likewise, the last nearest. So none crosses another: a ribbon turns into the pooled box past the lanes of
 * those still to come only, and those going down all arrive above those going up. Along its lane a ribbon is as
 * thick as at its ends, however far it climbs.
 */
function inLanes(pools: readonly MapLink[], right: number): MapLink[] {
  const lanes = new Map<MapLink, number>();
  let down = right;
  for (const l of pools) {
    if (!isGoingDown(l)) continue;
    down -= l.thickness;
    lanes.set(l, down);
  }
  let up = right;
  for (const l of [...pools].reverse()) {
    if (isGoingDown(l)) continue;
    up -= l.thickness;
    lanes.set(l, up);
  }
  return pools.map((l) => ({ ...l, path: 'lane', laneX: lanes.get(l) ?? right - l.thickness }));
}

/**
 * The pooled money's box (its height and top) and the ribbons into it, in their lanes (`inLanes`) across the gap
 * from the services' inline-end edge (`x0`) to the pooled box (`x1`), clear of either by `margin`, at the thickness
 * `poolThickness` gives them (`most`: the map's scale). The box is as tall as its words (`wordsHeight`, padding
 * included) and as its ribbons, and `place`d (its top) by its height and the services' centre weighted by money
 * (`centreOf` when nothing is paid in). The ribbons going down and those going up have lanes of their own, so each
 * may fill the gap; but which go down depends on where the box goes, which depends on their thickness. So it is
 * laid out with every ribbon side by side first (that always fits), then with each of those two sets side by side,
 * and the second is kept if each set still fits the gap.
 */
export function pooledInLanes(
  services: readonly MapNode[],
  at: {
    x0: number;
    x1: number;
    margin: number;
    most: number;
    wordsHeight: number;
    centreOf: number;
    place: (height: number, centre: number) => number;
  },
): { thick: (pence: Pence) => number; ribbons: MapLink[]; slices: number; height: number; y: number } {
  const room = at.x1 - at.x0 - 2 * at.margin;
  const laidOut = (thick: (pence: Pence) => number) => {
    const { feeding, slices, centre } = poolableOf(services, thick, at.centreOf);
    const height = Math.max(at.wordsHeight, slices);
    const y = at.place(height, centre);
    const ribbons = poolRibbons(feeding, thick, at.x0, at.x1, y + (height - slices) / 2);
    return { thick, ribbons, slices, height, y };
  };
  const widest = (ribbons: readonly MapLink[]): number =>
    Math.max(
      ...[true, false].map((isDown) =>
        ribbons.filter((l) => isGoingDown(l) === isDown).reduce((sum, l) => sum + l.thickness, 0),
      ),
    );
  const amounts = services.filter((s) => s.isPoolable).map((s) => s.pence);
  let chosen = laidOut(poolThickness([amounts], room, at.most));
  const down = chosen.ribbons.filter(isGoingDown).map((l) => l.pence);
  const up = chosen.ribbons.filter((l) => !isGoingDown(l)).map((l) => l.pence);
  if (down.length > 0 && up.length > 0) {
    const apart = laidOut(poolThickness([down, up], room, at.most));
    if (widest(apart.ribbons) <= Math.max(room, widest(chosen.ribbons)) + 1e-6) chosen = apart;
  }
  return { ...chosen, ribbons: inLanes(chosen.ribbons, at.x1 - at.margin) };
}

/** A public body's box without its place: its name, the money of all its services, its colour. */
export function bodyWords(
  group: { name: string; streams: readonly FundingStream[] },
  g: number,
  money: (pence: Pence) => string,
): Omit<MapNode, 'x' | 'y' | 'width' | 'height' | 'textHeight'> {
  const pence = group.streams.reduce((sum, s) => sum + s.annualPence, 0);
  const isPoolable = group.streams.some((s) => s.isPoolable);
  return {
    kind: 'body',
    key: `body:${g}`,
    name: group.name,
    pence,
    amount: money(pence),
    group: g,
    isPoolable,
  };
}

/** A service's box without its place. */
export function serviceWords(
  s: FundingStream,
  g: number,
  money: (pence: Pence) => string,
): Omit<MapNode, 'x' | 'y' | 'width' | 'height' | 'textHeight'> {
  const amount = money(s.annualPence);
  return {
    kind: 'service',
    key: s.id,
    name: s.service,
    pence: s.annualPence,
    amount,
    group: g,
    isPoolable: s.isPoolable,
  };
}
