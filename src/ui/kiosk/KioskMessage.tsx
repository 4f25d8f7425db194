import type { ComponentChildren } from 'preact';
import { KioskPage } from './KioskPage';

/** A kiosk screen that only says something: loading, not on this tablet, storage failed. */
export function KioskMessage({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="kiosk">
      <KioskPage title={title}>{children}</KioskPage>
    </div>
  );
}
