import type { Catalogue } from '../types';

/** The resident's screens. */
export const kiosk = {} satisfies Catalogue;
