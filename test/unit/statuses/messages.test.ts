/**
 * Words for statuses: every status has an officer's label and, once decided, a resident's group name; the
 * officer's words load with the officer screens and the residents' with the earlier-ideas step, never with the
 * kiosk's shell.
 */
import { describe, expect, it } from 'vitest';
import { RESIDENT_STATUS_ORDER } from '../../../src/domain/statuses';
import { PROPOSAL_STATUSES } from '../../../src/domain/types';
import { makeTranslator } from '../../../src/ui/i18n';
import { enShell } from '../../../src/ui/i18n/en';
import { kioskEarlier } from '../../../src/ui/i18n/en/kioskEarlier';
import { kioskLater } from '../../../src/ui/i18n/en/kioskLater';
import { statuses } from '../../../src/ui/i18n/en/statuses';

describe('status words', () => {
  it('Given the kiosk’s earlier-ideas step loads, then residents have words for every decided status, and the shell does not carry them', () => {
    for (const kind of RESIDENT_STATUS_ORDER) {
      expect(kioskEarlier).toHaveProperty(`kiosk.earlier.group.${kind}`);
      expect(enShell).not.toHaveProperty(`kiosk.earlier.group.${kind}`);
    }
    // The hub's tile comes with the hub (the later steps' words): it shows before the step loads.
    expect(kioskLater).toHaveProperty('kiosk.hub.earlier');
    expect(kioskEarlier).not.toHaveProperty('kiosk.hub.earlier');
  });

  it('Given the officer’s editor loads, then its words are registered and cover every status', async () => {
    const t = makeTranslator('en');
    expect(enShell).not.toHaveProperty('status.editor.save');
    await import('../../../src/ui/officer/status/messages');
    expect(t('status.editor.save')).toBe(statuses['status.editor.save']);
    for (const kind of PROPOSAL_STATUSES) {
      expect(statuses).toHaveProperty(`status.kind.${kind}`);
      expect(statuses).toHaveProperty(`status.short.${kind}`);
    }
    expect(t('status.short.funded', { amount: t.money(1_200_000) })).toBe('Funded: £12,000');
  });
});
