import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * A table (or anything) wider than its room scrolls sideways in a box of its own, never the page (WCAG 1.4.10).
 * While it does scroll, the box is a named region in the tab order, so a keyboard user can scroll it and a screen
 * reader names it (axe `scrollable-region-focusable`), and shadows at its edges show there is more to see; when
 * everything fits it is a plain box, not one more tab stop or landmark.
 * Named by `labelledBy` (an element's id, e.g. a heading's) or `label` (a table's caption, as text).
 */
export function ScrollRegion({
  labelledBy,
  label,
  class: extra,
  children,
}: {
  labelledBy?: string;
  label?: string;
  class?: string;
  children: ComponentChildren;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [isScrolling, setScrolling] = useState(false);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const update = (): void => setScrolling(el.scrollWidth > el.clientWidth + 1);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={box}
      class={`scroll-region${extra ? ` ${extra}` : ''}`}
      data-scrolls={isScrolling ? '' : undefined}
      role={isScrolling ? 'region' : undefined}
      aria-labelledby={isScrolling ? labelledBy : undefined}
      aria-label={isScrolling && !labelledBy ? label : undefined}
      tabIndex={isScrolling ? 0 : undefined}
    >
      {children}
    </div>
  );
}
