/**
 * Where a kiosk screen or an idea offers Read aloud. The button and everything behind it load on demand (the
 * kiosk's first download stays small): the first screen that shows this fetches them, so they are in memory
 * before any resident taps. Offline and never cached, there is simply no button.
 */
import { lazy, Suspense } from 'preact/compat';
import type * as ReadAloudButtonModule from './ReadAloudButton';
import type { ReadAloudProps } from './ReadAloudButton';

/** Fetched when the app starts (preloadKioskSteps), so a tablet that goes offline later still has the button. */
export function loadReadAloudButton(): Promise<typeof ReadAloudButtonModule> {
  return import('./ReadAloudButton');
}

const Button = lazy(() =>
  loadReadAloudButton().then(
    (m) => m.ReadAloudButton,
    () => () => null,
  ),
);

export function ReadAloud(props: ReadAloudProps) {
  return (
    <Suspense fallback={null}>
      <Button {...props} />
    </Suspense>
  );
}
