/**
 * Layout checks for a screen: nothing goes past the viewport's sides, the page never scrolls sideways, and no text is
 * cut off by a box that hides what does not fit. Run at each tablet size, in usual and in large text.
 */
import type { Locator, Page } from 'playwright-core';

export const TABLET_SIZES = [
  { width: 800, height: 1280 },
  { width: 1280, height: 800 },
] as const;

/**
 * Three frames: a resize or a text size change has been laid out, and what measures itself after that (the money
 * map picture watches its width) has measured and laid out again. Frames, not a timer: no machine-speed guess.
 */
export async function settleLayout(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  }
}

export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    const describe = (el: Element): string =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    if (document.documentElement.scrollWidth > width + 1) {
      out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    }
    const scrolls = (el: Element | null): boolean => {
      for (let p = el?.parentElement ?? null; p; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === 'auto' || x === 'scroll') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('.skip-link, .visually-hidden, [hidden], svg *')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue; // visually hidden text for screen readers
      if ((r.left < -1 || r.right > width + 1) && !scrolls(el)) {
        out.push(
          `${describe(el)} goes past the screen's side (${Math.round(r.left)}..${Math.round(r.right)} of ${width})`,
        );
      }
      const hides =
        ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
      if (hides && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
        out.push(`${describe(el)} is cut off`);
      }
    }
    return out;
  });
}

/** The top of each control's box in CSS px (to the nearest half pixel): boxes in one row should share it. */
export async function topsOf(controls: readonly Locator[]): Promise<number[]> {
  return Promise.all(
    controls.map(async (c) => {
      const box = await c.boundingBox();
      if (!box) throw new Error('A control to line up is not on screen.');
      return Math.round(box.y * 2) / 2;
    }),
  );
}
