import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SessionSettings } from '../../domain/types';
import { useTypedLang } from '../kiosk/typedWords';
import { useT } from '../i18n';
import { fitFor, groupByBody, layoutMoneyMap, ribbonPath, type MapNode } from './moneyMapLayout';

/** The room the picture has, and its text size (large text included) before any fitting. */
interface Room {
  width: number;
  fontPx: number;
  /** One line, in px (Urdu's Nastaliq has tall lines). */
  lineHeight: number;
  family: string;
}

/** Line height assumed when the page's is 'normal', as a multiple of the font size. */
const LINE_HEIGHT = 1.25;
/** Room a guessed line is given for the space lost where words wrap. */
const WRAP_SLACK = 1.15;
const GROUP_COLOURS = 6;
/** Borders are at most this wide (pictures.css); the layout's padding includes them. */
const BORDER_PX = 3;

let canvas: HTMLCanvasElement | null = null;

/**
 * Money as the tables show it, except that a figure and its currency (e.g. Arabic's "250,000 UK£", joined by a
 * no-break space) may go on two lines in a narrow box; the figure itself is never broken (pictures.css).
 */
const pictureMoney =
  (money: (pence: number) => string) =>
  (pence: number): string =>
    money(pence).replace(/[\u00a0\u202f]/g, ' ');

/** Width of a text in a CSS font, measured by the browser (so every script is measured in its own font). */
function measureIn(font: string): (text: string) => number {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return (text) => text.length * 16;
  return (text) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
}

function readRoom(el: HTMLElement): Room {
  const style = getComputedStyle(el);
  const fontPx = parseFloat(style.fontSize) || 16;
  const lineHeight = parseFloat(style.lineHeight) || fontPx * LINE_HEIGHT;
  return { width: el.clientWidth, fontPx, lineHeight, family: style.fontFamily };
}

const sameRoom = (a: Room, b: Room): boolean =>
  a.width === b.width && a.fontPx === b.fontPx && a.lineHeight === b.lineHeight && a.family === b.family;

/** The words of a box at one width and font: what a measured height is remembered by. */
const wordsKey = (w: { key: string; name: string; amount: string }, width: number, fontPx: number): string =>
  [w.key, w.name, w.amount, Math.round(width), fontPx.toFixed(2)].join('\u0000');

/** A box's look (its kind, its body's colour, dashed when it cannot be pooled) as classes under `base`. */
function looks(base: string, node: MapNode): string {
  const colour = node.group >= 0 ? ` ${base}--c${node.group % GROUP_COLOURS}` : '';
  const fixed = node.kind === 'service' && !node.isPoolable ? ` ${base}--fixed` : '';
  return `${base} ${base}--${node.kind}${colour}${fixed}`;
}

/** A box's name: the session's own words (bodies, services) isolated and marked with their language. */
function NodeName({ node, lang }: { node: MapNode; lang: string | undefined }) {
  const isResidentsWords = node.kind === 'body' || node.kind === 'service';
  return (
    <span class="money-flow__name">{isResidentsWords ? <bdi lang={lang}>{node.name}</bdi> : node.name}</span>
  );
}

function Node({
  node,
  padding,
  lang,
  number,
}: {
  node: MapNode;
  padding: number;
  lang: string | undefined;
  /** With a legend: the box's number, in place of its words. */
  number?: string | undefined;
}) {
  return (
    <div
      class={looks('money-flow__node', node)}
      data-key={node.key}
      style={{
        insetInlineStart: `${node.x}px`,
        insetBlockStart: `${node.y}px`,
        inlineSize: `${node.width}px`,
        blockSize: `${node.height}px`,
        padding: `${Math.max(0, padding - BORDER_PX)}px`,
      }}
    >
      <div class="money-flow__words">
        {number !== undefined ? (
          <span class="money-flow__number">{number}</span>
        ) : (
          <>
            {/* Residents' words are isolated (they may be in another script) but aligned like the page. */}
            <NodeName node={node} lang={lang} />
            <span class="money-flow__amount">{node.amount}</span>
          </>
        )}
      </div>
    </div>
  );
}

/**
 * The words of a picture too narrow for them (`hasLegend`), under it at the page's size: each box's number, in
 * the box's own look, at the start of its name (so a long name has the whole width from its second line), and its
 * amount under it; services set in under their body as in the picture. Hidden from screen readers with the
 * picture: the tables say the same.
 */
function Legend({
  nodes,
  numbers,
  lang,
  money,
}: {
  nodes: readonly MapNode[];
  numbers: readonly string[];
  lang: string | undefined;
  money: (pence: number) => string;
}) {
  return (
    <ol class="money-legend" aria-hidden="true">
      {nodes.map((node, i) => (
        <li key={node.key} class={`money-legend__item money-legend__item--${node.kind}`} data-key={node.key}>
          <span class={looks('money-legend__number', node)}>{numbers[i]}</span>{' '}
          <NodeName node={node} lang={lang} />
          <span class="money-flow__amount">{money(node.pence)}</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The money map drawn: public bodies, their services, what can be pooled and the pot, joined by ribbons as thick
 * as the money (layout in ./moneyMapLayout.ts). A picture only: hidden from screen readers, since the tables
 * under it say the same in words.
 *
 * Sized to the room it is given and the text size in force (both watched), so it fits the tablet either way up,
 * a phone and large text: in four columns, or two where four leave too little room (`fitFor`); its words are made
 * smaller when the longest of them would not fit a box (an amount always fits whole), down to MIN_SCALE, and every
 * box shows its words whole, measured in the page and sized to them before the picture is painted. Where they
 * would have to be smaller still (larger text or 200% zoom on a phone), the boxes show numbers and the words are
 * listed under the picture at the page's size (WCAG 1.4.4: they were 10 px beside 27 px text). It
 * follows the language's direction: boxes are placed with logical properties, and pictures.css mirrors the
 * ribbons' drawing in right-to-left.
 */
export function MoneyMapPicture({ settings }: { settings: SessionSettings }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState<Room | null>(null);
  const [measured, setMeasured] = useState<ReadonlyMap<string, number>>(new Map());

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const update = (): void => {
      const next = readRoom(el);
      setRoom((prev) => (prev && sameRoom(prev, next) ? prev : next));
    };
    update();
    // The picture's width, and the text size (large text can be switched on while it is shown): a line 10em
    // wide changes size with the font.
    const observer = new ResizeObserver(update);
    observer.observe(el);
    const em = el.querySelector('.money-flow__em');
    if (em) observer.observe(em);
    return () => observer.disconnect();
  }, []);

  const titles = useMemo(() => ({ pooled: t('kiosk.money.poolableTotal'), pot: t('kiosk.money.pot') }), [t]);
  const streams = settings.fundingStreams;

  // The session's own words (bodies, services) in the language they were typed in, when the turn's is another.
  const wordsLang = useTypedLang();

  // Each box's number, for a picture whose words are listed under it: in map order, in the language's digits.
  const numbers = useMemo(() => {
    const count = groupByBody(streams).length + streams.length + 2;
    return Array.from({ length: count }, (_, i) => t.number(i + 1));
  }, [streams, t]);

  // The shape, and the words' size: the room's, or smaller so that the longest single word fits its box.
  const { shape, fontPx, hasLegend } = useMemo(() => {
    if (!room || room.width <= 0) return { shape: undefined, fontPx: 0, hasLegend: false };
    // In the weights pictures.css sets: names 600, amounts 700.
    const name = measureIn(`600 ${room.fontPx}px ${room.family}`);
    const figure = measureIn(`700 ${room.fontPx}px ${room.family}`);
    const money = pictureMoney(t.money);
    const names = [titles.pooled, titles.pot, ...streams.flatMap((s) => [s.publicBody, s.service])];
    const amounts = [settings.potPence, streams.reduce((sum, s) => sum + s.annualPence, 0)];
    for (const s of streams) amounts.push(s.annualPence);
    const widest = (texts: string[], measure: (text: string) => number): number =>
      Math.max(1, ...texts.flatMap((text) => text.split(/\s+/)).map(measure));
    const fit = fitFor(
      room.width,
      { lineHeight: room.lineHeight, em: room.fontPx },
      {
        word: widest(names, name),
        amount: widest(amounts.map(money), figure),
        key: widest(numbers, figure),
      },
    );
    return { shape: fit.shape, fontPx: room.fontPx * fit.scale, hasLegend: fit.hasLegend };
  }, [room, streams, settings.potPence, titles, numbers, t]);

  const layout = useMemo(() => {
    if (!room || room.width <= 0 || fontPx <= 0 || !shape) return null;
    const lineHeight = (room.lineHeight * fontPx) / room.fontPx;
    const measure = measureIn(`700 ${fontPx}px ${room.family}`);
    const lines = (text: string, width: number): number =>
      Math.max(1, Math.ceil((measure(text) * WRAP_SLACK) / width));
    return layoutMoneyMap(
      { streams, potPence: settings.potPence, titles },
      {
        width: room.width,
        shape,
        lineHeight,
        em: fontPx,
        money: pictureMoney(t.money),
        // What the page measured, once it has; a guess from the text's width before that. A box that shows
        // its number is one line (fitFor sized the numbers to fit).
        textHeight: (words, width) =>
          hasLegend
            ? lineHeight
            : (measured.get(wordsKey(words, width, fontPx)) ??
              (lines(words.name, width) + lines(words.amount, width)) * lineHeight),
      },
    );
  }, [room, shape, fontPx, hasLegend, measured, streams, settings.potPence, titles, t]);

  // Boxes whose words turned out taller or shorter than guessed are sized again before the screen is painted.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !layout || hasLegend) return;
    const found = new Map<string, number>();
    for (const node of layout.nodes) {
      const words = el.querySelector(`[data-key="${CSS.escape(node.key)}"] .money-flow__words`);
      if (!words) continue;
      const key = wordsKey(node, node.width - 2 * layout.padding, fontPx);
      const height = words.getBoundingClientRect().height;
      const known = measured.get(key);
      if (known === undefined || Math.abs(known - height) > 1) found.set(key, height);
    }
    if (found.size > 0) setMeasured((prev) => new Map([...prev, ...found]));
  }, [layout, measured, fontPx, hasLegend]);

  const legend = layout && layout.nodes.length > 0 && hasLegend ? numbers : null;
  return (
    <>
      <div
        ref={box}
        class="money-flow"
        data-shape={layout?.shape}
        aria-hidden="true"
        style={{ blockSize: layout ? `${layout.height}px` : undefined }}
      >
        <span class="money-flow__em" />
        {layout && layout.nodes.length > 0 ? (
          <div class="money-flow__drawing" style={{ fontSize: `${fontPx}px` }}>
            <svg
              class="money-flow__ribbons"
              width={layout.width}
              height={layout.height}
              viewBox={`0 0 ${layout.width} ${layout.height}`}
              focusable="false"
            >
              {layout.links.map((l) => (
                <path
                  key={`${l.from}>${l.to}`}
                  class={`money-flow__ribbon money-flow__ribbon--${l.kind}${l.group >= 0 ? ` money-flow__ribbon--c${l.group % GROUP_COLOURS}` : ''}`}
                  data-link={l.kind}
                  d={ribbonPath(l)}
                />
              ))}
            </svg>
            {layout.nodes.map((n, i) => (
              <Node key={n.key} node={n} padding={layout.padding} lang={wordsLang} number={legend?.[i]} />
            ))}
          </div>
        ) : null}
      </div>
      {layout && legend ? (
        <Legend nodes={layout.nodes} numbers={legend} lang={wordsLang} money={t.money} />
      ) : null}
    </>
  );
}
