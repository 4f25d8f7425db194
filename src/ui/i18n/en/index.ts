import { common } from './common';
import { errors } from './errors';
import type { facilitator } from './facilitator';
import type { files } from './files';
import { gate } from './gate';
import { kiosk } from './kiosk';
import type { kioskEarlier } from './kioskEarlier';
import type { errorsOffice } from './errorsOffice';
import type { excluded } from './excluded';
import type { officer } from './officer';
import type { officerReport } from './officer-report';
import type { paper } from './paper';
import type { statuses } from './statuses';
import type { sync } from './sync';
import type { sessionChecks } from './sessionChecks';

/** The English messages the app shell needs (first screen, PIN screen, the resident's kiosk): always loaded. */
export const enShell = { ...common, ...errors, ...kiosk, ...gate };

/** Every English key, including the facilitator screens' (./facilitator.ts, loaded with those screens). */
export type EnglishMessages = typeof enShell &
  typeof facilitator &
  typeof files &
  typeof sync &
  typeof statuses &
  typeof officerReport &
  typeof officer &
  typeof paper &
  typeof kioskEarlier &
  typeof sessionChecks &
  typeof errorsOffice &
  typeof excluded;
