import type { Catalogue } from '../types';

/** Words that go with the kiosk's pictures (the money map's picture reuses the money map's own words). */
export const pictures = {
  // Beside an idea's cost, with a bar: "12% of the pot".
  'kiosk.share.ofPot': '{percent} of the pot',
} satisfies Catalogue;
