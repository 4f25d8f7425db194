import { common } from './common';
import { errors } from './errors';
import { facilitator } from './facilitator';
import { kiosk } from './kiosk';

/** The English catalogue: complete, and the reference every other language is checked against. */
export const en = { ...common, ...errors, ...kiosk, ...facilitator };
