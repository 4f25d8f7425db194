import { common } from './common';
import { errors } from './errors';
import type { facilitator } from './facilitator';
import type { languageStaff } from './languageStaff';
import type { files } from './files';
import type { gate } from './gate';
import { kiosk } from './kiosk';
import type { kioskLater } from './kioskLater';
import { language } from './language';
import type { kioskEarlier } from './kioskEarlier';
import type { errorsOffice } from './errorsOffice';
import type { excluded } from './excluded';
import type { officer } from './officer';
import type { officerReport } from './officer-report';
import type { paper } from './paper';
import type { statuses } from './statuses';
import type { sync } from './sync';
import type { sessionChecks } from './sessionChecks';
import type { pictures } from './pictures';
import type { picturesStaff } from './picturesStaff';
import type { readAloud } from './readAloud';
import type { readAloudStaff } from './readAloudStaff';
import type { camera } from './camera';
import type { room } from './room';

/**
 * The English messages the app shell needs (the resident's first screen): always loaded. The kiosk's steps after
 * "I agree" (./kioskLater.ts) load with those steps (src/ui/kiosk/laterMessages.ts); the home and PIN screens'
 * (./gate.ts) with those screens (src/ui/gateMessages.ts).
 */
export const enShell = { ...common, ...errors, ...kiosk, ...language };

/** Every English key, including the facilitator screens' (./facilitator.ts, loaded with those screens). */
export type EnglishMessages = typeof enShell &
  typeof kioskLater &
  typeof gate &
  typeof facilitator &
  typeof languageStaff &
  typeof files &
  typeof sync &
  typeof statuses &
  typeof officerReport &
  typeof officer &
  typeof paper &
  typeof kioskEarlier &
  typeof sessionChecks &
  typeof errorsOffice &
  typeof excluded &
  typeof pictures &
  typeof picturesStaff &
  typeof readAloud &
  typeof readAloudStaff &
  typeof room &
  typeof camera;

/** What a resident can meet (every other language translates at least these; see ../<code>/resident.ts). */
export type ResidentMessages = typeof enShell &
  typeof kioskLater &
  typeof kioskEarlier &
  typeof gate &
  typeof readAloud &
  typeof pictures;
