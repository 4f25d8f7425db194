/**
 * Registers the officer view's messages, and those it shares with the facilitator screens (the method in
 * words), council sync and the report; imported by the lazily loaded officer screens.
 */
import { addMessages } from '../i18n';
import { facilitator } from '../i18n/en/facilitator';
import { officer } from '../i18n/en/officer';
import { officerReport } from '../i18n/en/officer-report';
import { sync } from '../i18n/en/sync';

addMessages('en', { ...facilitator, ...sync, ...officerReport, ...officer });
