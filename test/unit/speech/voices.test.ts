import { describe, expect, it } from 'vitest';
import {
  chooseVoice,
  normaliseLang,
  primaryTag,
  SUPPORT,
  voiceSupport,
  type VoiceLike,
} from '../../../src/ui/speech/voices';

const voice = (name: string, lang: string, localService: boolean, isDefault = false): VoiceLike => ({
  name,
  lang,
  localService,
  default: isDefault,
});

const ENGLISH_LOCAL = voice('Daniel', 'en-GB', true, true);
const ENGLISH_US = voice('Samantha', 'en-US', true);
const WELSH_ONLINE = voice('Google Cymraeg', 'cy-GB', false);
const WELSH_LOCAL = voice('Gwyneth', 'cy_GB', true);
const URDU_LOCAL = voice('Urdu', 'ur-IN', true);
const URDU_PK = voice('Urdu Pakistan', 'ur-PK', true);

describe('language tags', () => {
  it('Given tags written in different ways, Then the primary subtag and the normal form are found', () => {
    expect(primaryTag('cy-GB')).toBe('cy');
    expect(primaryTag('CY_gb')).toBe('cy');
    expect(primaryTag('ar')).toBe('ar');
    expect(normaliseLang('cy_gb')).toBe('cy-GB');
    expect(normaliseLang('zh-Hant-TW')).toBe('zh-Hant-TW');
  });
});

describe('choosing the voice that reads a language', () => {
  it('Given a local voice whose language is the resident’s with a region, Then it is chosen (cy matches cy_GB)', () => {
    expect(chooseVoice([ENGLISH_LOCAL, WELSH_LOCAL], 'cy', 'cy-GB')).toBe(WELSH_LOCAL);
  });

  it('Given only a voice that needs the internet, Then no voice is chosen (offline is what counts)', () => {
    expect(chooseVoice([ENGLISH_LOCAL, WELSH_ONLINE], 'cy', 'cy-GB')).toBeNull();
  });

  it('Given no voice of the language at all, Then no voice is chosen: never the default voice of another language', () => {
    expect(chooseVoice([ENGLISH_LOCAL, ENGLISH_US], 'pl', 'pl-PL')).toBeNull();
    expect(chooseVoice([ENGLISH_LOCAL], 'ar', 'ar')).toBeNull();
    expect(chooseVoice([], 'en', 'en-GB')).toBeNull();
  });

  it('Given a voice whose tag only starts with the same letters, Then it does not count', () => {
    expect(chooseVoice([voice('Cymric', 'cyx-GB', true)], 'cy', 'cy-GB')).toBeNull();
  });

  it('Given two local voices of the language, Then the one of the app’s region wins, else the default, else the first', () => {
    expect(chooseVoice([URDU_LOCAL, URDU_PK], 'ur', 'ur-PK')).toBe(URDU_PK);
    expect(chooseVoice([ENGLISH_US, ENGLISH_LOCAL], 'en', 'en-AU')).toBe(ENGLISH_LOCAL);
    expect(chooseVoice([URDU_LOCAL, URDU_PK], 'ur', 'ur-AF')).toBe(URDU_LOCAL);
  });
});

describe('what this tablet can do for a language', () => {
  it('Given local, online-only and missing voices, Then each language says offline, online or none', () => {
    const voices = [ENGLISH_LOCAL, WELSH_ONLINE];
    expect(voiceSupport(voices, 'en', 'en-GB')).toEqual({ kind: SUPPORT.offline, voice: ENGLISH_LOCAL });
    expect(voiceSupport(voices, 'cy', 'cy-GB')).toEqual({ kind: SUPPORT.online, voice: WELSH_ONLINE });
    expect(voiceSupport(voices, 'ur', 'ur-PK')).toEqual({ kind: SUPPORT.none });
  });
});
