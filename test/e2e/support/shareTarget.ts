/**
 * The app as an installed share target (roomShare, shareTarget): a tablet whose service worker controls the page,
 * the manifest's share_target as the platform reads it, and a file shared to the app as Android hands it over.
 */
import type { Page } from 'playwright-core';
import { goHome } from '../pages/files';

/** The manifest's share_target (the fields the tests read). */
export interface ShareTarget {
  action: string;
  method: string;
  params: { files: { name: string; accept: string[] }[] };
}

/** A file as another app shares it: its name, its bytes and, when the sharing app gives one, its type. */
export interface FileToShare {
  name: string;
  bytes: number[];
  type?: string;
}

/** Opens the home screen on `page` until the app's service worker controls it (the app "installed"). */
export async function installApp(page: Page, baseUrl: string): Promise<void> {
  await goHome(page, baseUrl);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await goHome(page, baseUrl);
  }
}

/** The share_target of the manifest the server gives. */
export async function shareTargetOf(baseUrl: string): Promise<ShareTarget> {
  const manifest = (await (await fetch(new URL('manifest.webmanifest', baseUrl))).json()) as {
    share_target: ShareTarget;
  };
  return manifest.share_target;
}

/**
 * Shares `file` to the installed app on `page`, as Android does: a multipart POST of it, in the share target's
 * first files field, to its action. The page then goes where the service worker sends it.
 */
export async function shareToApp(page: Page, target: ShareTarget, file: FileToShare): Promise<void> {
  await page.evaluate(
    ({ action, field, f }) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.enctype = 'multipart/form-data';
      form.action = action;
      const input = document.createElement('input');
      input.type = 'file';
      input.name = field;
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      input.files = transfer.files;
      form.append(input);
      document.body.append(form);
      form.submit();
    },
    { action: target.action, field: target.params.files[0]!.name, f: file },
  );
}
