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
 *   the whole picture (the largest flows share `PROPORTIONAL_LINES` lines of height), and at least `MIN_RIBBON` px
 *   when the money is not zero, so a small service is still seen. A zero amount has no ribbon.
 * - Boxes carry the words (a name and an amount), always whole: a box is as tall as its words (`textHeight`, which
 *   the component measures in the page) and as its ribbons. A public body's box spans its services.
 * - Order: public bodies in the order the money map first names them, each body's services in the map's order.
 *   Ribbons leave and reach boxes in that order, so they never cross.
 * - Services that cannot be pooled have no ribbon on to the pooled money. The pooled box is centred on the
 *   services that feed it, weighted by money; the pot box is centred on the pooled box; both stay inside the
 *   picture.
 */
import type { FundingStream, Pence } from '../../domain/types';

/** Lines of text height that the whole map's money (every service added up) is drawn across. */
export const PROPORTIONAL_LINES = 16;
/** Thinnest ribbon for money that is not zero, in px. */
export const MIN_RIBBON = 2;

export const COLUMNS = ['body', 'service', 'pooled', 'pot'] as const;
export type NodeKind = (typeof COLUMNS)[number];

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
  /**
   * Height of a box's words (its name above its amount) wrapped to `width`, in CSS px. The component measures
   * them in the page; tests count characters.
   */
  textHeight: (words: { key: string; name: string; amount: string }, width: number) => number;
  /** Money as the resident reads it (the catalogue's `t.money`). */
  money: (pence: Pence) => string;
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

/** A ribbon from the inline-end edge of one box (x0) to the inline-start edge of the next (x1). */
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
}

export interface MoneyMapLayout {
  width: number;
  height: number;
  columnWidth: number;
  /** Room between columns, where the ribbons run. */
  gap: number;
  /** Padding inside a box, around its words (borders included). */
  padding: number;
  /** Width the words of every box are wrapped to. */
  textWidth: number;
  nodes: MapNode[];
  links: MapLink[];
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

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

/** The picture for a money map; an empty picture (height 0) when the map has no services. */
export function layoutMoneyMap(input: MoneyMapInput, m: MoneyMapMetrics): MoneyMapLayout {
  const lh = m.lineHeight;
  const width = Math.max(0, m.width);
  const { gap, columnWidth, padding, textWidth } = columnsFor(width, lh);
  const columnX = (i: number): number => i * (columnWidth + gap);
  const wordsHeight = (key: string, name: string, amount: string): number =>
    Math.max(lh, m.textHeight({ key, name, amount }, textWidth));

  const empty: MoneyMapLayout = {
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
      const amount = m.money(s.annualPence);
      const textHeight = wordsHeight(s.id, s.service, amount);
      return {
        kind: 'service',
        key: s.id,
        name: s.service,
        pence: s.annualPence,
        amount,
        group: g,
        isPoolable: s.isPoolable,
        x: columnX(1),
        y: 0,
        width: columnWidth,
        height: Math.max(textHeight + 2 * padding, thick(s.annualPence)),
        textHeight,
      };
    });
    const bodyPence = group.streams.reduce((sum, s) => sum + s.annualPence, 0);
    const bodyAmount = m.money(bodyPence);
    const bodyKey = `body:${g}`;
    const bodyText = wordsHeight(bodyKey, group.name, bodyAmount);
    const slices = boxes.reduce((sum, b) => sum + thick(b.pence), 0);
    const span = boxes.reduce((sum, b) => sum + b.height, 0) + (boxes.length - 1) * inGroupGap;
    const height = Math.max(span, bodyText + 2 * padding, slices);
    const body: MapNode = {
      kind: 'body',
      key: bodyKey,
      name: group.name,
      pence: bodyPence,
      amount: bodyAmount,
      group: g,
      isPoolable: group.streams.some((s) => s.isPoolable),
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

  // What can be pooled: fed by every poolable service, centred on them (weighted by money).
  const feeding = services.filter((s) => s.isPoolable);
  const poolable = feeding.reduce((sum, s) => sum + s.pence, 0);
  const pooledAmount = m.money(poolable);
  const pooledText = wordsHeight('pooled', input.titles.pooled, pooledAmount);
  const pooledSlices = feeding.reduce((sum, s) => sum + thick(s.pence), 0);
  const pooledHeight = Math.max(pooledText + 2 * padding, pooledSlices);
  const centreOf = (n: MapNode): number => n.y + n.height / 2;
  const weighted =
    poolable > 0
      ? feeding.reduce((sum, s) => sum + centreOf(s) * s.pence, 0) / poolable
      : feeding.length > 0
        ? feeding.reduce((sum, s) => sum + centreOf(s), 0) / feeding.length
        : servicesBottom / 2;
  const pooledY = clamp(weighted - pooledHeight / 2, 0, Math.max(0, servicesBottom - pooledHeight));
  const pooled: MapNode = {
    kind: 'pooled',
    key: 'pooled',
    name: input.titles.pooled,
    pence: poolable,
    amount: pooledAmount,
    group: -1,
    isPoolable: true,
    x: columnX(2),
    y: pooledY,
    width: columnWidth,
    height: pooledHeight,
    textHeight: pooledText,
  };
  let sliceY = pooledY + (pooledHeight - pooledSlices) / 2;
  for (const s of feeding) {
    const t = thick(s.pence);
    if (t === 0) continue;
    links.push({
      kind: 'pool',
      from: s.key,
      to: pooled.key,
      group: s.group,
      pence: s.pence,
      x0: columnX(1) + columnWidth,
      y0: s.y + (s.height - t) / 2,
      x1: columnX(2),
      y1: sliceY,
      thickness: t,
    });
    sliceY += t;
  }
  nodes.push(pooled);

  // The pot: taken from the pooled money (never drawn thicker than what feeds it), centred on the pooled box.
  const potAmount = m.money(input.potPence);
  const potText = wordsHeight('pot', input.titles.pot, potAmount);
  const potRibbon = poolable > 0 ? Math.min(thick(input.potPence), Math.max(pooledSlices, MIN_RIBBON)) : 0;
  const potHeight = Math.max(potText + 2 * padding, potRibbon);
  const bottom = Math.max(servicesBottom, pooledY + pooledHeight);
  const potY = clamp(centreOf(pooled) - potHeight / 2, 0, Math.max(0, bottom - potHeight));
  const pot: MapNode = {
    kind: 'pot',
    key: 'pot',
    name: input.titles.pot,
    pence: input.potPence,
    amount: potAmount,
    group: -1,
    isPoolable: true,
    x: columnX(3),
    y: potY,
    width: columnWidth,
    height: potHeight,
    textHeight: potText,
  };
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
  return { width, height, columnWidth, gap, padding, textWidth, nodes, links };
}

/** The outline of a ribbon: a band curving from (x0, y0) to (x1, y1), `thickness` thick at both ends. */
export function ribbonPath(l: MapLink): string {
  const mid = (l.x0 + l.x1) / 2;
  const r = (n: number): number => Math.round(n * 10) / 10;
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
