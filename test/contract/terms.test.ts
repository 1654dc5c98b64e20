import { describe, expect, it } from 'vitest';
import { addDays, addMonths, earliestEndDate, firstOfNextMonth, isIsoDate, termEnd } from '../../contract/terms.js';
import { invoiceNoteProblem } from '../../contract/rules.js';

describe('calendar arithmetic (§§ 187–188 BGB)', () => {
  it('adds months, clamping to the month’s last day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });
  it('adds days across months and years', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('finds the 1st of next month', () => {
    expect(firstOfNextMonth('2026-12-31')).toBe('2027-01-01');
    expect(firstOfNextMonth('2026-01-01')).toBe('2026-02-01');
  });
  it('tells real days', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-01-01')).toBe(false);
  });
});

describe('termEnd (§ 187 Abs. 2, § 188 Abs. 2 and 3 BGB)', () => {
  it('ends the day before the day with the start’s number, or on the last day of a month without it', () => {
    expect(termEnd('2026-01-15', 24)).toBe('2028-01-14');
    expect(termEnd('2026-03-01', 1)).toBe('2026-03-31');
    expect(termEnd('2026-01-28', 1)).toBe('2026-02-27');
    expect(termEnd('2026-01-29', 1)).toBe('2026-02-28');
    expect(termEnd('2026-01-31', 1)).toBe('2026-02-28');
    expect(termEnd('2028-01-31', 1)).toBe('2028-02-29');
    expect(termEnd('2028-02-29', 12)).toBe('2029-02-28');
    expect(termEnd('2026-08-31', 1)).toBe('2026-09-30');
    expect(termEnd('2026-12-01', 1)).toBe('2026-12-31');
  });
});

describe('earliestEndDate', () => {
  const term = (start: string, minimumTermMonths: number, noticePeriodMonths: number, received: string) =>
    earliestEndDate({ start, minimumTermMonths, noticePeriodMonths, received });

  it('ends with the minimum term when the notice arrives in time', () => {
    // 24 months from 15 Jan 2026: the last day is 14 Jan 2028; 3 months' notice by 14 Oct 2027.
    expect(term('2026-01-15', 24, 3, '2026-03-01')).toBe('2028-01-14');
    expect(term('2026-01-15', 24, 3, '2027-10-14')).toBe('2028-01-14');
  });
  it('late for the term: one month after receipt at most (§ 56 TKG), never before the term’s end', () => {
    expect(term('2026-01-15', 24, 3, '2027-10-15')).toBe('2028-01-14');
    expect(term('2026-01-15', 24, 3, '2027-12-20')).toBe('2028-01-20');
  });
  it('after the minimum term: the notice period, at most one month', () => {
    expect(term('2024-05-10', 12, 1, '2026-11-22')).toBe('2026-12-22');
    expect(term('2024-05-10', 12, 3, '2026-11-22')).toBe('2026-12-22');
  });
  it('around month ends and leap years', () => {
    expect(term('2025-01-31', 1, 1, '2027-01-31')).toBe('2027-02-28');
    expect(term('2026-01-31', 1, 1, '2028-01-31')).toBe('2028-02-29');
    // A term from 29 Feb 2028 for 12 months: February 2029 has no 29th, so it ends on its last day (§ 188 Abs. 3 BGB).
    expect(term('2028-02-29', 12, 1, '2028-03-01')).toBe('2029-02-28');
    expect(term('2026-03-31', 1, 1, '2026-03-31')).toBe('2026-04-30');
  });
  it('a term agreed before a tariff change is never shortened by it', () => {
    // A 12-month term from 1 Mar 2026 (until 28 Feb 2027), then a change to a tariff with 1 month.
    const changed = { start: '2026-03-01', minimumTermMonths: 1, noticePeriodMonths: 1, committedUntil: '2027-02-28' };
    expect(earliestEndDate({ ...changed, received: '2026-06-10' })).toBe('2027-02-28');
    expect(earliestEndDate({ ...changed, received: '2027-02-15' })).toBe('2027-03-15');
    expect(earliestEndDate({ ...changed, committedUntil: null, received: '2026-06-10' })).toBe('2026-07-10');
  });
  it('without a minimum term or notice period', () => {
    expect(term('2026-11-01', 0, 1, '2026-11-22')).toBe('2026-12-22');
    expect(term('2026-11-01', 0, 0, '2026-11-22')).toBe('2026-11-22');
  });
});

describe('invoice note', () => {
  it('takes 40 printable Latin-1 characters', () => {
    expect(invoiceNoteProblem('Kostenstelle 4711 – Empfang')).toBe('invoice_note_characters'); // en dash is not Latin-1
    expect(invoiceNoteProblem('Kostenstelle 4711 - Empfang Müller/Straße é')).toBe('invoice_note_too_long');
    expect(invoiceNoteProblem('Kostenstelle 4711 - Empfang Müller ©')).toBeUndefined();
    expect(invoiceNoteProblem('x'.repeat(40))).toBeUndefined();
    expect(invoiceNoteProblem('x'.repeat(41))).toBe('invoice_note_too_long');
    expect(invoiceNoteProblem('soft\u00adhyphen')).toBe('invoice_note_characters');
    expect(invoiceNoteProblem('€ 5')).toBe('invoice_note_characters');
    expect(invoiceNoteProblem('tab\there')).toBe('invoice_note_characters');
  });
});
