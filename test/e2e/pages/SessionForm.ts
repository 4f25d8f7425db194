/** The session form (#/new, and #/session/<id>/edit): every field by its label. */
import type { Locator, Page } from 'playwright-core';

export type MethodName = 'Dot voting' | 'Budget allocation' | 'Ranking';

export interface StreamValues {
  publicBody: string;
  service: string;
  amount: string;
  isPoolable?: boolean;
}

export interface SessionValues {
  title: string;
  neighbourhood: string;
  date: string;
  venue: string;
  streams: StreamValues[];
  pot: string;
  method: MethodName;
  dots?: string;
  maxPerIdea?: string;
  minShare?: string;
  maxRanked?: string;
  pin: string;
  pinConfirm?: string;
}

/** A session that can be created as it is, with the given method. */
export function validSession(title: string, method: MethodName = 'Dot voting'): SessionValues {
  return {
    title,
    neighbourhood: 'Eastbrook',
    date: '2026-12-05',
    venue: 'Eastbrook Library',
    streams: [
      { publicBody: 'Eastbrook Council', service: 'Youth services', amount: '60000', isPoolable: true },
      {
        publicBody: 'Eastbrook Police',
        service: 'Neighbourhood policing',
        amount: '90000',
        isPoolable: false,
      },
    ],
    pot: '50000',
    method,
    pin: '2468',
  };
}

export class SessionForm {
  constructor(readonly page: Page) {}

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  stream(n: number): Locator {
    return this.page.getByRole('group', { name: `Funding stream ${n}`, exact: true });
  }

  streamField(n: number, label: 'Public body' | 'Service' | 'Amount each year'): Locator {
    return this.stream(n).getByLabel(label, { exact: true });
  }

  get submitButton(): Locator {
    return this.page.getByRole('button', { name: /^(Create the session|Save changes)$/ });
  }

  /** The summary at the top after a failed save. */
  get errorSummary(): Locator {
    return this.page
      .getByRole('alert')
      .filter({ has: this.page.getByRole('heading', { name: 'There is a problem' }) });
  }

  async waitUntilShown(): Promise<void> {
    await this.field('Session title').waitFor();
  }

  async fill(v: SessionValues): Promise<void> {
    await this.field('Session title').fill(v.title);
    await this.field('Neighbourhood').fill(v.neighbourhood);
    await this.field('Date of the workshop').fill(v.date);
    await this.field('Venue').fill(v.venue);
    for (const [i, s] of v.streams.entries()) {
      const n = i + 1;
      if ((await this.stream(n).count()) === 0) {
        await this.page.getByRole('button', { name: 'Add a funding stream' }).click();
      }
      await this.streamField(n, 'Public body').fill(s.publicBody);
      await this.streamField(n, 'Service').fill(s.service);
      await this.streamField(n, 'Amount each year').fill(s.amount);
      await this.stream(n)
        .getByRole('checkbox', { name: 'This money can be pooled' })
        .setChecked(s.isPoolable ?? true);
    }
    await this.field('The pot residents decide on').fill(v.pot);
    await this.page.getByRole('radio', { name: v.method, exact: true }).check();
    if (v.dots !== undefined) await this.field('Dots for each resident').fill(v.dots);
    if (v.maxPerIdea !== undefined)
      await this.field('Most dots one resident can put on one idea').fill(v.maxPerIdea);
    if (v.minShare !== undefined) {
      await this.field('Smallest share of the pot each resident must spend, in %').fill(v.minShare);
    }
    if (v.maxRanked !== undefined)
      await this.field('How many ideas each resident can put in order').fill(v.maxRanked);
    await this.field('PIN').fill(v.pin);
    await this.field('Type the PIN again').fill(v.pinConfirm ?? v.pin);
  }

  async submit(): Promise<void> {
    await this.submitButton.click();
  }

  /** Creates the session and waits for its dashboard (creating unlocks it). Returns the new session's id. */
  async create(v: SessionValues): Promise<string> {
    await this.fill(v);
    await this.submit();
    await this.page.getByRole('heading', { level: 1, name: v.title, exact: true }).waitFor();
    const m = /#\/session\/([A-Za-z0-9-]+)$/.exec(this.page.url());
    if (!m?.[1]) throw new Error(`Not on a dashboard: ${this.page.url()}`);
    return m[1];
  }

  /** The message shown next to a control (its error, as the control's description points to it). */
  async errorNextTo(control: Locator): Promise<string> {
    return control.evaluate((el) => {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      return ids
        .map((id) => document.getElementById(id))
        .filter((e): e is HTMLElement => e !== null && e.classList.contains('field__error'))
        .map((e) => e.textContent?.trim() ?? '')
        .join(' ');
    });
  }
}
