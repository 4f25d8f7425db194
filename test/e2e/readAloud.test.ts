/**
 * Issue 10, read-aloud, in Chromium with `speechSynthesis` replaced by a fake (pages/ReadAloud.ts) that records
 * every utterance and fires `voiceschanged` only when the test says. The kiosk's Read aloud button: the screen's
 * words in the resident's language, sentence by sentence, only after a tap, a second tap or a new screen stops
 * it; never offered without a local voice of that language; offered once voices arrive late (by the event, or
 * found by the app's own reads on its timer, driven by the page's fake clock). The facilitator's "Read aloud on
 * this tablet" with voices present, absent and late. A language sound pack added on the dashboard plays its
 * recorded clip instead of a voice; a refused one changes nothing. The recorder, with Chromium's fake microphone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './support/browser';
import { DEMO, newTablet, openDemoDashboard, usePage } from './support/tablet';
import { axeViolations } from './support/axe';
import { Kiosk, STEP } from './pages/Kiosk';
import { installFakeSpeech, Speech, VoicesPanel, type FakeVoice } from './pages/ReadAloud';
import { LOCALES, loadLanguage, makeTranslator } from '../../src/ui/i18n';
import { kiosk } from '../../src/ui/i18n/en/kiosk';
import { kioskLater } from '../../src/ui/i18n/en/kioskLater';
import { encodeSoundPack, SOUND_PACK_FORMAT } from '../../src/ui/speech/soundPackFile';
import { POLL_DELAYS_MS } from '../../src/ui/speech/voiceList';
import { PROMPTS } from '../../src/ui/speech/prompts';
import { useBrowserAndApp } from './support/setup';

const en = { ...kiosk, ...kioskLater };

const app = useBrowserAndApp();

beforeAll(async () => {
  await loadLanguage('cy');
  await loadLanguage('cy', 'staff');
});

const DANIEL: FakeVoice = { name: 'Daniel', lang: 'en-GB', localService: true, default: true };
const GWYNETH: FakeVoice = { name: 'Gwyneth', lang: 'cy-GB', localService: true };
const WELSH_ONLINE: FakeVoice = { name: 'Google Cymraeg', lang: 'cy-GB', localService: false };
const URDU_ONLINE: FakeVoice = { name: 'Google Urdu', lang: 'ur-PK', localService: false };

/** The demo's dashboard, with `codes` added to its languages through the session form. */
async function demoWith(page: Page, codes: readonly string[] = []) {
  const { dashboard } = await openDemoDashboard(page, app.url);
  if (codes.length > 0) {
    await dashboard.openEditForm();
    for (const code of codes) {
      await page.getByRole('checkbox', { name: LOCALES[code]!.name, exact: true }).check();
    }
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('[data-save-state="saved"]').waitFor();
    await page.getByRole('link', { name: 'Back to the session' }).click();
    await dashboard.waitUntilShown();
  }
  return dashboard;
}

/** Sentences as a reader expects them cut: at a full stop, question or exclamation mark and a space. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.?!])\s+/).filter((s) => s !== '');
}

/** A real, tiny WAV file: 0.1 s of a 440 Hz tone, 8 kHz mono 16-bit. */
function wav(ms = 100, rate = 8000): Uint8Array {
  const samples = Math.round((rate * ms) / 1000);
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    b.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return new Uint8Array(b);
}

/** With the clock paused: lets page time pass in small steps until `isDone`. */
async function stepUntil(page: Page, what: string, isDone: () => Promise<boolean>): Promise<number> {
  let passed = 0;
  while (!(await isDone())) {
    if (passed > 5_000) throw new Error(`${what}: not within 5 s of page time`);
    await page.clock.runFor(50);
    passed += 50;
  }
  return passed;
}

describe('the kiosk’s Read aloud button', () => {
  it('Given an English voice on the tablet, when a resident taps Read aloud, then the screen is read in English sentence by sentence, only after the tap, and a second tap or a new screen stops it', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installFakeSpeech(context, [DANIEL, WELSH_ONLINE]);
      const speech = new Speech(page);
      const kiosk = new Kiosk(page);
      await (await demoWith(page)).startKiosk();
      await kiosk.waitFor(STEP.welcome);

      const button = speech.screenButton('Read aloud');
      await button.waitFor();
      const box = await button.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(48);
      expect(await button.getAttribute('aria-pressed')).toBe('false');
      expect(await speech.spoken()).toEqual([]);

      // When: a tap.
      await button.click();
      const [heading, title, lead] = await speech.screenWords();
      expect([heading, title]).toEqual(['Welcome', DEMO.title]);
      expect(lead).toMatch(/^Help decide how .+ is spent in Northmoor\./);
      const spoken = await speech.spoken();
      expect(spoken.map((s) => s.text)).toEqual(['Welcome', DEMO.title, ...sentences(lead!)]);
      expect(spoken.length).toBeGreaterThanOrEqual(5);
      expect(new Set(spoken.map((s) => `${s.lang} ${s.voice}`))).toEqual(new Set(['en-GB Daniel']));
      const stop = speech.screenButton('Stop reading');
      expect(await stop.getAttribute('aria-pressed')).toBe('true');
      expect(await axeViolations(page)).toEqual([]);

      // A second tap stops it.
      const cancelsBefore = await speech.cancels();
      await stop.click();
      await button.waitFor();
      expect(await speech.cancels()).toBe(cancelsBefore + 1);
      expect(await button.getAttribute('aria-pressed')).toBe('false');

      // Reading, then the next screen: the reading stops and the new screen's button is not pressed.
      await button.click();
      const reading = await speech.cancels();
      await kiosk.tap('Start', STEP.consent);
      await expect.poll(() => speech.cancels()).toBe(reading + 1);
      expect(await speech.screenButton('Read aloud').getAttribute('aria-pressed')).toBe('false');

      // The consent screen reads its heading, its lead and the session's consent text.
      const before = (await speech.spoken()).length;
      await speech.screenButton('Read aloud').click();
      const consent = (await speech.spoken()).slice(before).map((s) => s.text);
      expect(consent.slice(0, 2)).toEqual([en['kiosk.consent.title'], en['kiosk.consent.lead']]);
      expect(consent.length).toBeGreaterThan(2);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given ideas on the kiosk, when a resident taps an idea’s Read aloud, then its title and description are read (in the resident’s language’s voice), on the list and on the idea’s page', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installFakeSpeech(context, [DANIEL]);
      const speech = new Speech(page);
      const kiosk = new Kiosk(page);
      await (await demoWith(page)).startKiosk();
      await kiosk.beginTurn();
      await kiosk.openFromMenu('Read the ideas');

      const card = page.locator('.idea-card').first();
      const title = (await card.locator('.idea-card__open').innerText()).trim();
      await speech.ideaButton(title).click();
      const fromCard = await speech.spoken();
      expect(fromCard[0]).toEqual({ text: title, lang: 'en-GB', voice: 'Daniel' });
      expect(fromCard.length).toBeGreaterThan(1);
      expect(await speech.ideaButton(title, 'Stop reading').getAttribute('aria-pressed')).toBe('true');
      expect(await axeViolations(page)).toEqual([]);

      await kiosk.openIdea(title);
      const description = (await page.locator('.idea-description').innerText()).trim();
      await speech.screenButton('Read aloud').click();
      const fromPage = (await speech.spoken()).slice(fromCard.length).map((s) => s.text);
      expect(fromPage).toEqual([title, ...sentences(description)]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a Welsh session on a tablet with only an online Welsh voice, then no Read aloud is offered in Welsh (never an English voice); when a Welsh voice arrives with voiceschanged, it is offered and reads in Welsh', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installFakeSpeech(context, [DANIEL, WELSH_ONLINE]);
      const speech = new Speech(page);
      const kiosk = new Kiosk(page);
      await (await demoWith(page, ['cy'])).startKiosk();
      await kiosk.waitFor(STEP.welcome);
      await speech.screenButton('Read aloud').waitFor();

      const cy = makeTranslator('cy');
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      await kiosk.waitFor(cy('kiosk.welcome.title'));
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
      // The voices are known already (the English button showed): a Welsh button would be there at once.
      expect(await page.getByRole('button', { name: /Darllen yn uchel|Read aloud/ }).count()).toBe(0);
      expect(await speech.spoken()).toEqual([]);

      // When: a Welsh voice is installed and the browser says so.
      await speech.setVoices([DANIEL, WELSH_ONLINE, GWYNETH], { announce: true });
      const button = speech.screenButton('Darllen yn uchel');
      await button.waitFor();
      expect(await speech.spoken()).toEqual([]);
      await button.click();
      const spoken = await speech.spoken();
      expect(spoken[0]?.text).toBe(cy('kiosk.welcome.title'));
      expect(spoken.length).toBeGreaterThanOrEqual(3);
      expect(new Set(spoken.map((s) => `${s.lang} ${s.voice}`))).toEqual(new Set(['cy-GB Gwyneth']));
      await speech.screenButton('Stopio darllen').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given the session’s questions about residents, when a resident taps Read aloud on them, then each question and its answers are read; and in a Welsh turn the consent typed in English is never read in the Welsh voice', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installFakeSpeech(context, [DANIEL, GWYNETH]);
      const speech = new Speech(page);
      const kiosk = new Kiosk(page);
      await (await demoWith(page, ['cy'])).startKiosk();
      await kiosk.waitFor(STEP.welcome);
      await kiosk.tap('Start', STEP.consent);
      await kiosk.agree();
      await kiosk.waitFor(STEP.aboutYou);
      await speech.screenButton('Read aloud').click();
      const heard = (await speech.spoken()).map((s) => s.text);
      for (const words of [
        'How old are you?',
        'Under 16',
        '65 or over',
        'How long have you lived in Northmoor?',
      ]) {
        expect(heard, words).toContain(words);
      }
      expect(heard).toContain('I would rather not say');
      await speech.screenButton('Stop reading').click();
      await kiosk.tap('Skip these questions', STEP.menu);
      await kiosk.finish();
      await kiosk.nextPerson();

      // A Welsh turn: the demo's consent is typed in English and has no Welsh wording.
      const cy = makeTranslator('cy');
      await kiosk.waitFor(STEP.welcome);
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      await page.getByRole('button', { name: cy('kiosk.welcome.start'), exact: true }).click();
      await kiosk.waitFor(cy('kiosk.consent.title'));
      const before = (await speech.spoken()).length;
      await speech.screenButton('Darllen yn uchel').click();
      const welsh = (await speech.spoken()).slice(before);
      expect(welsh[0]?.text).toBe(cy('kiosk.consent.title'));
      expect(welsh.map((s) => s.text).join(' ')).not.toMatch(
        /Northmoor City Council|We do not ask for your name/,
      );
      expect(new Set(welsh.map((s) => s.voice))).toEqual(new Set(['Gwyneth']));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a tablet whose browser loads voices late and says nothing, when the app reads the list again on its timer, then Read aloud appears (time on the page’s clock)', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installFakeSpeech(context, []);
      await page.clock.install();
      const speech = new Speech(page);
      const kiosk = new Kiosk(page);
      await (await demoWith(page)).startKiosk();
      await kiosk.waitFor(STEP.welcome);

      // The kiosk starts again with time stopped, so the app's reads of the voices happen only as the test lets
      // time pass.
      const now = await page.evaluate(() => Date.now());
      await page.clock.pauseAt(now + 1_000);
      await page.reload();
      const passed = await stepUntil(page, 'the kiosk read the voices', async () => {
        return (await kiosk.step(STEP.welcome).isVisible()) && (await speech.reads()) > 0;
      });
      expect(passed).toBeLessThan(POLL_DELAYS_MS.reduce((a, b) => a + b, 0) - 1_000);
      expect(await speech.screenButton().count()).toBe(0);

      // When: the voices arrive, with no event.
      await speech.setVoices([DANIEL], { announce: false });
      const reads = await speech.reads();
      expect(await speech.screenButton().count()).toBe(0);
      await page.clock.runFor(POLL_DELAYS_MS.reduce((a, b) => a + b, 0));
      expect(await speech.reads()).toBeGreaterThan(reads);
      await speech.screenButton('Read aloud').waitFor();
      expect(await speech.spoken()).toEqual([]);
      await page.clock.resume();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the facilitator’s “Read aloud on this tablet”', () => {
  it('Given English offline, Urdu only online and Welsh and Polish missing, then each says so with what to install; when a Welsh voice arrives late, Welsh reads offline', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installFakeSpeech(context, [DANIEL, URDU_ONLINE]);
      const speech = new Speech(page);
      await demoWith(page, ['cy', 'pl', 'ur']);
      const panel = new VoicesPanel(page);
      await panel.region.waitFor();

      await expect
        .poll(() => panel.language('English').innerText())
        .toContain('Yes, offline, with the voice “Daniel”.');
      expect(await panel.language('English').innerText()).not.toContain('To add a voice');
      const urdu = await panel.language('Urdu').innerText();
      expect(urdu).toContain('Only online: the voice “Google Urdu” needs the internet');
      expect(urdu).toContain('Residents are not offered Read aloud in this language.');
      for (const name of ['Welsh', 'Polish']) {
        const text = await panel.language(name).innerText();
        expect(text).toContain('No voice for this language on this tablet.');
        expect(text).toContain(`To add a voice for ${name}`);
        expect(text).toContain(
          `On an Android tablet: Settings > System > Languages > Text-to-speech output, then the engine’s settings > Install voice data > ${name}.`,
        );
        expect(text).toContain(`On an iPad: Settings > Accessibility > Spoken Content > Voices > ${name}`);
      }
      expect(await axeViolations(page)).toEqual([]);

      // When: a Welsh voice is installed later.
      await speech.setVoices([DANIEL, URDU_ONLINE, GWYNETH], { announce: true });
      await expect
        .poll(() => panel.language('Welsh').innerText())
        .toContain('Yes, offline, with the voice “Gwyneth”.');
      expect(await panel.language('Welsh').innerText()).not.toContain('To add a voice');
      expect(await panel.language('Polish').innerText()).toContain(
        'No voice for this language on this tablet.',
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given a tablet with no voices at all, then every language says it cannot be read aloud and residents are not offered it', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installFakeSpeech(context, []);
      await demoWith(page, ['cy']);
      const panel = new VoicesPanel(page);
      await panel.region.waitFor();
      for (const name of ['English', 'Welsh']) {
        const text = await panel.language(name).innerText();
        expect(text).toContain('No voice for this language on this tablet.');
        expect(text).toContain('Residents are not offered Read aloud in this language.');
      }
      expect(await panel.region.innerText()).toContain('This tablet has no sound packs.');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('language sound packs', () => {
  const CLIP = wav();
  const recordedAt = '2026-05-10T14:02:00.000Z';
  const goodPack = encodeSoundPack({
    language: 'en',
    recordedAt,
    clips: [
      { prompt: 'hub', text: en['kiosk.hub.title'], mimeType: 'audio/wav', durationMs: 100, bytes: CLIP },
      // Recorded from words the consent screen no longer has: never played.
      {
        prompt: 'consent',
        text: 'Before you begin\nOld words.',
        mimeType: 'audio/wav',
        durationMs: 100,
        bytes: CLIP,
      },
    ],
  });

  it('Given a sound pack file added on the dashboard, when a resident taps Read aloud on a screen it recorded, then the clip plays and no voice speaks; a refused file changes nothing', async () => {
    const { context, page, errors } = await newTablet(app.browser);
    try {
      await installFakeSpeech(context, []);
      const speech = new Speech(page);
      const kiosk = new Kiosk(page);
      const dashboard = await demoWith(page);
      const panel = new VoicesPanel(page);
      await panel.region.waitFor();

      // A file from a newer app: refused in words, nothing stored.
      const newer = JSON.stringify({ ...(JSON.parse(goodPack) as object), version: 2 });
      await panel.addPack('newer.json', newer);
      await expect
        .poll(() => panel.refusal.innerText())
        .toContain('“newer.json” was made by a newer version of the app (sound pack version 2).');
      expect(await panel.refusal.innerText()).toContain('Nothing was added.');
      expect(await panel.region.innerText()).toContain('This tablet has no sound packs.');
      const notPack = JSON.stringify({ format: 'something-else', version: 1 });
      await panel.addPack('other.json', notPack);
      await expect
        .poll(() => panel.refusal.innerText())
        .toContain('“other.json” is not a sound pack made with this app.');

      // The good file.
      await panel.addPack('sound-pack-en.json', goodPack);
      await expect.poll(() => panel.done.innerText()).toBe('Added the sound pack for English: 2 screens.');
      expect(await panel.refusal.count()).toBe(0);
      const english = panel.language('English');
      await expect.poll(() => english.innerText()).toContain('Recorded sound pack: 1 screen.');
      expect(await english.innerText()).toContain('1 recording no longer matches the screen’s words');
      expect(await panel.region.innerText()).toContain(
        'English: 2 screens, recorded 10 May 2026 (file “sound-pack-en.json”).',
      );
      expect(await axeViolations(page)).toEqual([]);

      await dashboard.startKiosk();
      await kiosk.waitFor(STEP.welcome);
      await kiosk.tap('Start', STEP.consent);
      // No voice, and the consent clip's words are old: no button, once the app has looked for the clip.
      await speech.settled();
      expect(await speech.screenButton().count()).toBe(0);
      await kiosk.agree();
      if (await kiosk.step(STEP.aboutYou).isVisible()) await kiosk.tap('Skip these questions', STEP.menu);

      // The menu's heading was recorded: the button plays the clip.
      const button = speech.screenButton('Read aloud');
      await button.click();
      const played = await speech.played();
      expect(played).toHaveLength(1);
      expect(played[0]).toMatch(/^blob:/);
      expect(await speech.bytesAt(played[0]!)).toEqual([...CLIP]);
      expect(await speech.spoken()).toEqual([]);
      await speech.screenButton('Stop reading').click();

      // With a voice as well, the clip that says all the screen says still wins.
      await speech.setVoices([DANIEL], { announce: true });
      await button.click();
      expect(await speech.played()).toHaveLength(2);
      expect(await speech.spoken()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Given Chromium’s fake microphone, when a facilitator records the menu’s prompt, then it can be played back and saved as a sound pack file for that language', async () => {
    const micBrowser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
    });
    try {
      const context = await micBrowser.newContext({
        viewport: { width: 1024, height: 768 },
        bypassCSP: true,
      });
      const { page, errors } = usePage(await context.newPage());
      await installFakeSpeech(context, []);
      await demoWith(page);
      const panel = new VoicesPanel(page);
      await panel.region.getByRole('button', { name: 'Record a sound pack' }).click();
      const recorder = panel.region.getByRole('group', { name: 'Record a sound pack' });
      await recorder.getByLabel('Language to record').selectOption('en');
      // The menu is the fourth prompt of however many the kiosk has (a new step adds one).
      const menu = recorder.getByRole('group', { name: `Screen 4 of ${PROMPTS.length}` });
      expect(await menu.locator('.speech-prompt__text').innerText()).toBe(en['kiosk.hub.title']);

      await menu.getByRole('button', { name: 'Record', exact: true }).click();
      await menu.getByText('Recording. Read the words, then tap Stop.').waitFor();
      await menu.getByRole('button', { name: 'Stop', exact: true }).click();
      await menu.getByRole('button', { name: 'Record again', exact: true }).waitFor();
      expect(await menu.locator('.speech-prompt__state').innerText()).toMatch(/^Recorded: \d+ seconds\.$/);
      await menu.getByRole('button', { name: 'Play back' }).click();
      await expect.poll(async () => (await new Speech(page).played()).length).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        recorder.getByRole('button', { name: 'Save the sound pack file' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^sound-pack-en-\d{4}-\d{2}-\d{2}\.json$/);
      const file = JSON.parse(await streamText(await download.createReadStream())) as {
        format: string;
        language: string;
        clips: { prompt: string; text: string; mimeType: string; audio: string }[];
      };
      expect(file.format).toBe(SOUND_PACK_FORMAT);
      expect(file.language).toBe('en');
      expect(file.clips.map((c) => [c.prompt, c.text])).toEqual([['hub', en['kiosk.hub.title']]]);
      expect(file.clips[0]?.mimeType).toMatch(/^audio\//);
      expect(file.clips[0]?.audio.length).toBeGreaterThan(0);

      await recorder.getByRole('button', { name: 'Use it on this tablet too' }).click();
      await expect
        .poll(() => panel.language('English').innerText())
        .toContain('Recorded sound pack: 1 screen.');
      const status = page.locator('.speech-recorder > p[role="status"]');
      expect(await status.innerText()).toBe('Added the sound pack for English: 1 screen.');
      // Staff switch to Cymraeg: the line says the same in Welsh (it stayed English before).
      await page.getByRole('button', { name: 'Cymraeg', exact: true }).click();
      await expect
        .poll(() => status.innerText())
        .toBe(makeTranslator('cy')('speech.packs.added', { language: 'Saesneg', count: 1 }));
      expect(errors).toEqual([]);
    } finally {
      await micBrowser.close();
    }
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
