/**
 * The pictures of issue 10 as a test sees them: the facilitator's picture for each theme, theme pictures on the
 * kiosk's screens, the cost as a share of the pot, and the money map drawn.
 */
import type { Locator, Page } from 'playwright-core';

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Where the money map's boxes and ribbons are on the screen, by kind. */
export interface MoneyMapGeometry {
  bodies: Box[];
  services: Box[];
  pooled: Box[];
  pot: Box[];
  /** Ribbons, by kind: 'spend' (body to service), 'pool' (service to pooled), 'pot' (pooled to pot). */
  ribbons: Record<string, Box[]>;
}

export class Pictures {
  constructor(readonly page: Page) {}

  // The session form

  /** The radio group of pictures for theme n (from 1). */
  picker(n: number): Locator {
    return this.page.getByRole('group', { name: `Picture for theme ${n}`, exact: true });
  }

  async pick(n: number, picture: string): Promise<void> {
    await this.picker(n).getByRole('radio', { name: picture, exact: true }).check();
  }

  /** The name of the picture ticked for theme n. */
  async picked(n: number): Promise<string> {
    const ticked = this.picker(n).getByRole('radio', { checked: true });
    return ticked.evaluate((el) => el.closest('label')?.textContent?.trim() ?? '');
  }

  // The kiosk

  /** The picture ids drawn inside `within`, in order. */
  async iconsIn(within: Locator): Promise<string[]> {
    return within
      .locator('svg.theme-icon')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-icon') ?? ''));
  }

  /** The idea card whose title is `title`. */
  ideaCard(title: string): Locator {
    return this.page
      .locator('.idea-card')
      .filter({ has: this.page.getByRole('button', { name: title, exact: true }) });
  }

  /** A theme's heading on the ideas screen. */
  themeHeading(name: string): Locator {
    return this.page.getByRole('heading', { level: 2, name: new RegExp(`^${name}`) });
  }

  /** The priorities screen's item for an idea (dots, ranking) or its checkbox's label (budget). */
  ballotItem(title: string): Locator {
    return this.page
      .locator('.ballot-item, .ballot-check')
      .filter({ has: this.page.locator('.ballot-item__title', { hasText: title }) });
  }

  /** The words beside the share-of-the-pot bar, and how full the bar is (0 to 1). */
  async potShare(within: Locator): Promise<{ text: string; fill: number }> {
    const share = within.locator('.pot-share');
    const text = (await share.locator('.pot-share__text').innerText()).trim();
    const fill = await share.evaluate((el) => {
      const bar = el.querySelector('.pot-share__bar')!;
      const filled = el.querySelector('.pot-share__fill')!.getBoundingClientRect();
      return filled.width / bar.clientWidth;
    });
    return { text, fill };
  }

  get moneyMap(): Locator {
    return this.page.locator('.money-flow');
  }

  /** Waits until the money map's picture is drawn (its chunk loaded and its boxes sized). */
  async waitForMoneyMap(): Promise<void> {
    await this.moneyMap.locator('.money-flow__node--pot').waitFor();
  }

  async moneyMapGeometry(): Promise<MoneyMapGeometry> {
    return this.moneyMap.evaluate((map) => {
      const box = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      };
      const nodes = (kind: string) => [...map.querySelectorAll(`.money-flow__node--${kind}`)].map(box);
      const ribbons: Record<string, { left: number; right: number; top: number; bottom: number }[]> = {};
      for (const path of map.querySelectorAll('path[data-link]')) {
        const kind = path.getAttribute('data-link') ?? '';
        (ribbons[kind] ??= []).push(box(path));
      }
      return {
        bodies: nodes('body'),
        services: nodes('service'),
        pooled: nodes('pooled'),
        pot: nodes('pot'),
        ribbons,
      };
    });
  }

  /** The words in the picture's boxes, in order. */
  async moneyMapWords(): Promise<string[]> {
    return this.moneyMap
      .locator('.money-flow__node')
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
  }
}
