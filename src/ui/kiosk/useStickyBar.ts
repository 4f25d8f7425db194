/**
 * The priorities screen's "what is left" bar stays at the top of the screen as a resident scrolls the ideas, but
 * only while it covers a small share of the screen. Zoomed in (a tablet at 400% is 320x200 CSS px), on a phone on
 * its side or in larger text the bar would cover most of the screen and hide the ideas under it (WCAG 1.4.10,
 * 1.4.4), so there it scrolls away with the page. While it sticks, the page's scroll padding is the bar's real
 * height (`--ballot-bar-size`, read by kiosk.css), so a control reached with Tab or Shift+Tab is scrolled clear of
 * it, never left under it (2.4.11).
 */
import { useLayoutEffect, useState } from 'preact/hooks';

/** The most of the window's height the bar may cover and still stay at the top. */
export const MAX_STICKY_SHARE = 0.25;

/** Whether the bar sticks, and the ref callback for the bar. Its height is measured again whenever it or the window changes size. */
export function useStickyBar(): { isSticky: boolean; barRef: (el: HTMLElement | null) => void } {
  const [bar, setBar] = useState<HTMLElement | null>(null);
  const [isSticky, setSticky] = useState(true);
  useLayoutEffect(() => {
    if (!bar) return;
    const root = document.documentElement;
    const measure = (): void => {
      // The bar's height is the same stuck or not: only its position changes, so this never flips back and forth.
      const height = bar.getBoundingClientRect().height;
      root.style.setProperty('--ballot-bar-size', `${Math.ceil(height)}px`);
      setSticky(height <= window.innerHeight * MAX_STICKY_SHARE);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(bar);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
      root.style.removeProperty('--ballot-bar-size');
    };
  }, [bar]);
  return { isSticky, barRef: setBar };
}
