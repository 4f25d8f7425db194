/**
 * The room a chart is drawn in: its width and the page's text (size, family), watched (on paper too), so the chart
 * is laid out at its own width, one unit a CSS pixel, with words the size of the page's text whatever the screen
 * (a fixed 800-unit drawing shrank 14 px words to 12.6 px on a 768 px tablet). Widths of words are measured on a
 * canvas in the page's font, with a little to spare.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { estimatedFont, type ChartFont } from './chartText';

interface Room {
  width: number;
  size: number;
  family: string;
}

/** Measured widths are this much wider: SVG text and canvas text can differ by a pixel or so. */
const SLACK = 1.04;
let canvas: HTMLCanvasElement | undefined;

function measuredFont(size: number, family: string): ChartFont {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return estimatedFont(size);
  return {
    size,
    widthOf: (text, isBold) => {
      ctx.font = `${isBold ? 700 : 400} ${size}px ${family}`;
      return ctx.measureText(text).width * SLACK;
    },
  };
}

/** A ref for the chart's <svg>, and its room once measured (null before: lay out with the defaults). */
export function useChartRoom(): [RefObject<SVGSVGElement | null>, { width: number; font: ChartFont } | null] {
  const ref = useRef<SVGSVGElement>(null);
  const [room, setRoom] = useState<Room | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const update = (): void => {
      const style = getComputedStyle(el);
      const next: Room = {
        width: Math.round(el.getBoundingClientRect().width),
        size: parseFloat(style.fontSize) || 16,
        family: style.fontFamily,
      };
      if (next.width <= 0) return;
      setRoom((prev) =>
        prev && prev.width === next.width && prev.size === next.size && prev.family === next.family
          ? prev
          : next,
      );
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    // Printing lays the page out again at the paper's width and text size, but no ResizeObserver runs for it:
    // the chart kept the screen's layout and was shrunk onto the page (from a laptop, its words printed at 13 px
    // beside 18 px text). The print media query does report it, in the print layout, before pages are drawn.
    const print = typeof matchMedia === 'function' ? matchMedia('print') : null;
    print?.addEventListener('change', update);
    return () => {
      observer.disconnect();
      print?.removeEventListener('change', update);
    };
  }, []);
  const font = useMemo(() => (room ? measuredFont(room.size, room.family) : null), [room]);
  return [ref, room && font ? { width: room.width, font } : null];
}
