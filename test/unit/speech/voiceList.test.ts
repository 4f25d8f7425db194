import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POLL_DELAYS_MS, watchVoices, type VoiceSource } from '../../../src/ui/speech/voiceList';
import type { VoiceLike } from '../../../src/ui/speech/voices';

/** A speech synthesis whose voices the test sets, with or without the event browsers (sometimes) fire. */
class FakeSource implements VoiceSource {
  voices: VoiceLike[] = [];
  private listeners = new Set<() => void>();
  getVoices(): VoiceLike[] {
    return this.voices;
  }
  addEventListener(_type: 'voiceschanged', listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'voiceschanged', listener: () => void): void {
    this.listeners.delete(listener);
  }
  fire(): void {
    for (const l of this.listeners) l();
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
}

const WELSH: VoiceLike = { name: 'Gwyneth', lang: 'cy-GB', localService: true };
const ENGLISH: VoiceLike = { name: 'Daniel', lang: 'en-GB', localService: true };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('watching the tablet’s voices arrive', () => {
  it('Given voices already there, When watching starts, Then they are reported at once, and not again while unchanged', () => {
    const source = new FakeSource();
    source.voices = [ENGLISH];
    const seen: string[][] = [];
    watchVoices(source, (v) => seen.push(v.map((x) => x.name)));
    vi.runAllTimers();
    source.fire();
    expect(seen).toEqual([['Daniel']]);
  });

  it('Given no voices at first, When they arrive with voiceschanged, Then they are reported', () => {
    const source = new FakeSource();
    const seen: string[][] = [];
    watchVoices(source, (v) => seen.push(v.map((x) => x.name)));
    expect(seen).toEqual([]);
    source.voices = [WELSH];
    source.fire();
    expect(seen).toEqual([['Gwyneth']]);
  });

  it('Given a browser that fires no event, When voices arrive later, Then a read on the timer finds them', () => {
    const source = new FakeSource();
    const seen: string[][] = [];
    watchVoices(source, (v) => seen.push(v.map((x) => x.name)));
    vi.advanceTimersByTime(POLL_DELAYS_MS[0]! + POLL_DELAYS_MS[1]!);
    expect(seen).toEqual([]);
    source.voices = [ENGLISH, WELSH];
    vi.advanceTimersByTime(POLL_DELAYS_MS[2]!);
    expect(seen).toEqual([['Daniel', 'Gwyneth']]);
  });

  it('Given the polls are over, Then no timer is left running and only the event still reads the list', () => {
    const source = new FakeSource();
    const seen: string[][] = [];
    watchVoices(source, (v) => seen.push(v.map((x) => x.name)));
    vi.runAllTimers();
    expect(vi.getTimerCount()).toBe(0);
    source.voices = [WELSH];
    expect(seen).toEqual([]);
    source.fire();
    expect(seen).toEqual([['Gwyneth']]);
  });

  it('Given watching stopped, Then neither the event nor the timer reports anything', () => {
    const source = new FakeSource();
    const seen: string[][] = [];
    const stop = watchVoices(source, (v) => seen.push(v.map((x) => x.name)));
    stop();
    source.voices = [WELSH];
    source.fire();
    vi.runAllTimers();
    expect(seen).toEqual([]);
    expect(source.listenerCount).toBe(0);
  });

  it('Given a voice installed later (the list changes), Then the new list is reported', () => {
    const source = new FakeSource();
    source.voices = [ENGLISH];
    const seen: string[][] = [];
    watchVoices(source, (v) => seen.push(v.map((x) => x.name)));
    source.voices = [ENGLISH, { ...WELSH, localService: false }];
    source.fire();
    source.voices = [ENGLISH, WELSH];
    source.fire();
    expect(seen).toEqual([['Daniel'], ['Daniel', 'Gwyneth'], ['Daniel', 'Gwyneth']]);
  });
});
