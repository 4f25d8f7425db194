/**
 * The pictures as the app shell uses them. Their drawings and layout code are not in the script every tablet
 * parses before its first screen: they load once, right after it (`loadPictures`, called by
 * preloadKioskSteps), and stay in memory. Until then, or if they could not be fetched, each picture renders
 * nothing: the words beside every picture say the same, so nothing a resident needs is missing.
 */
import type { Pence, SessionSettings } from '../../domain/types';
import { useEffect, useState } from 'preact/hooks';
import type * as Pictures from './pictures';

let loaded: typeof Pictures | null = null;
let pending: Promise<typeof Pictures | null> | null = null;

/** Fetches the pictures (once; again after a failure). Never rejects: null when they could not be fetched. */
export function loadPictures(): Promise<typeof Pictures | null> {
  pending ??= import('./pictures').then(
    (m) => (loaded = m),
    () => {
      pending = null;
      return null;
    },
  );
  return pending;
}

function usePictures(): typeof Pictures | null {
  const [, setReady] = useState(false);
  useEffect(() => {
    if (loaded) return;
    let isMounted = true;
    void loadPictures().then((m) => {
      if (m && isMounted) setReady(true);
    });
    return () => {
      isMounted = false;
    };
  }, []);
  return loaded;
}

/** A theme's picture (decorative; the theme's name stays beside it as text). */
export function ThemeIcon({ icon }: { icon: string | undefined }) {
  const p = usePictures();
  return p && icon ? <p.ThemeIconSvg icon={icon} /> : null;
}

/** An idea's cost as a share of the pot: a bar and "12% of the pot". */
export function PotShare(props: { costPence: Pence; potPence: Pence }) {
  const p = usePictures();
  return p ? <p.PotShare {...props} /> : null;
}

/** The money map drawn, above its tables. */
export function MoneyMapPicture(props: { settings: SessionSettings }) {
  const p = usePictures();
  return p ? <p.MoneyMapPicture {...props} /> : null;
}
