import { describe, expect, it } from 'vitest';
import { linkRequestSchema, normalizeCustomerNumber } from '../../contract/locations.js';

describe('linkRequestSchema', () => {
  it('normalizes the customer number as people type it: spaces, hyphens, dots dropped, upper case', () => {
    for (const typed of ['DR 9000 0217', 'dr90000217', ' DR-9000-0217 ', 'DR.9000.0217', 'dr 9000–0217']) {
      expect(linkRequestSchema.parse({ customerNumber: typed, collectiveInvoice: false }).customerNumber, typed).toBe('DR90000217');
    }
    expect(normalizeCustomerNumber('ab-12')).toBe('AB12');
  });

  it('nothing left after normalizing is a missing customer number', () => {
    const result = linkRequestSchema.safeParse({ customerNumber: ' - . ', collectiveInvoice: false });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['customerNumber']);
  });
});
