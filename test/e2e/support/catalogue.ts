/**
 * "No English of ours left": the pieces of English the app itself writes (from every English catalogue part),
 * and a check that none of them is on screen (text and the attributes screen readers read) once a language is
 * chosen.
 */
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Message } from '../../../src/ui/i18n/types';

/** Every English message, staff parts included: the same files the catalogue check reads. */
export async function englishCatalogue(): Promise<Record<string, Message>> {
  const english: Record<string, Message> = {};
  const dir = new URL('../../../src/ui/i18n/en/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
    const part = (await import(new URL(file, dir).href)) as Record<string, unknown>;
    for (const value of Object.values(part)) Object.assign(english, value as Record<string, Message>);
  }
  return english;
}

function texts(message: Message | undefined): string[] {
  if (message === undefined) return [];
  if (typeof message === 'string') return [message];
  return Object.entries(message)
    .filter(([form]) => form !== 'by')
    .map(([, text]) => text);
}

/**
 * Pieces of English (between placeholders, at least two words and 12 characters) of every message the language
 * words differently. Suggested theme names and the theme pictures' names ("Parks and green spaces") are left
 * out: they name everyday things a session's own words may name too (the demo's are English).
 */
export function englishFragments(
  english: Record<string, Message>,
  translated: Partial<Record<string, Message>>,
): string[] {
  const out = new Set<string>();
  for (const [key, message] of Object.entries(english)) {
    if (/^fac\.(form\.theme[A-Z]|icon\.)/.test(key)) continue;
    const theirs = texts(translated[key]);
    for (const text of texts(message)) {
      if (theirs.includes(text)) continue;
      for (const piece of text.split(/\{\w+\}/)) {
        const trimmed = piece.trim().replace(/^[\s,.:;!?()“”"'’]+|[\s,.:;!?()“”"'’]+$/g, '');
        if (trimmed.length >= 12 && trimmed.includes(' ')) out.add(trimmed);
      }
    }
  }
  return [...out];
}

export async function englishOnScreen(page: Page, fragments: string[]): Promise<string[]> {
  const haystack = await page.evaluate(() => {
    const attributes = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')].flatMap(
      (el) => ['aria-label', 'title', 'placeholder', 'alt'].map((name) => el.getAttribute(name) ?? ''),
    );
    return [document.body.innerText, ...attributes].join('\n');
  });
  return fragments.filter((fragment) => haystack.includes(fragment));
}
