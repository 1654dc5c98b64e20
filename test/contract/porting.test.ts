import { describe, expect, it } from 'vitest';
import { checkMove } from '../../contract/lifecycle.js';
import {
  CANCEL_CUTOFF_HOURS,
  ddiRange,
  isLoginName,
  portOrderLifecycle,
  earliestPortingDate,
  isOfficeTime,
  isSwissWorkingDay,
  parseDdi,
  portingDayProblem,
  proRataCents,
  SWISS_HOLIDAYS,
} from '../../contract/porting.js';
import { suggestLoginName } from '../../contract/login-name.js';
import { formatUid, isUid } from '../../contract/uid.js';

describe('the DDI x notation', () => {
  it('one, two or three trailing x: 10, 100, 1000 numbers; spaces and dots ignored', () => {
    expect(parseDdi('+41441234500x')).toEqual({ stem: '+41441234500', xs: 1, size: 10 });
    expect(parseDdi('+41 44 123 45 0xx')).toEqual({ stem: '+414412345' + '0', xs: 2, size: 100 });
    expect(parseDdi('044 123 4XXX')).toEqual({ stem: '0441234', xs: 3, size: 1000 });
  });
  it('no x: not a block; x elsewhere or four of them: invalid', () => {
    expect(parseDdi('+41 44 123 45 67')).toBeUndefined();
    expect(parseDdi('+4144x2345678')).toEqual({ invalid: true });
    expect(parseDdi('+414412xxxx')).toEqual({ invalid: true });
    expect(parseDdi('x')).toEqual({ invalid: true });
  });
  it('a block shown as its first and last number', () => {
    expect(ddiRange('+4144123450', 1)).toEqual({ first: '+41441234500', last: '+41441234509' });
    expect(ddiRange('+41441234', 3)).toEqual({ first: '+41441234000', last: '+41441234999' });
  });
});

describe('the UID check digit', () => {
  it('accepts valid UIDs in the forms people write, refuses a wrong check digit', () => {
    expect(isUid('CHE-109.322.551')).toBe(true);
    expect(isUid('che109322551')).toBe(true);
    expect(isUid('CHE-109.322.551 MWST')).toBe(true);
    expect(isUid('CHE-109.322.552')).toBe(false);
    expect(isUid('CHE-109.322.55')).toBe(false);
    expect(isUid('DE-109.322.551')).toBe(false);
    expect(formatUid('che 109 322 551')).toBe('CHE-109.322.551');
    expect(formatUid('CHE-109.322.552')).toBeUndefined();
  });
  it('a sum giving check digit 10 is never a UID; 11 stands for 0', () => {
    // 1,0,0,0,0,0,0,1: 5 + 4 = 9 → 11 - 9 = 2
    expect(isUid('CHE-100.000.012')).toBe(true);
    // 0,0,0,0,0,0,0,1 → 4 → 7; 0,0,0,0,0,0,1,0 → 5 → 6; 0,0,0,0,0,1,0,0 → 6 → 5
    expect(isUid('CHE-000.000.017')).toBe(true);
    // 0,0,0,0,0,0,0,0 → 0 → 11 → 0
    expect(isUid('CHE-000.000.000')).toBe(true);
    // 0,0,0,0,0,0,1,1 → 9 → 2; 0,0,0,0,0,0,0,3 → 12 → 11-1 = 10: never issued
    expect(isUid('CHE-000.000.030')).toBe(false);
  });
});

describe('the Swiss working-day calendar', () => {
  it('weekends and the listed holidays are not working days; a year not listed is not guessed', () => {
    expect(isSwissWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(isSwissWorkingDay('2026-11-22')).toBe(false); // Sunday
    expect(isSwissWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isSwissWorkingDay('2026-08-01')).toBe(false); // Saturday anyway
    expect(isSwissWorkingDay('2027-08-02')).toBe(true);
    expect(isSwissWorkingDay('2027-03-26')).toBe(false); // Good Friday
    expect(isSwissWorkingDay('2028-06-05')).toBe(false); // Whit Monday
    expect(isSwissWorkingDay('2031-03-03')).toBeUndefined();
  });
  it('every listed holiday lies in its year, and the Easter-bound ones keep their distance from Easter Monday', () => {
    for (const [year, days] of Object.entries(SWISS_HOLIDAYS)) {
      expect(days.every((d) => d.startsWith(`${year}-`))).toBe(true);
      const [goodFriday, easterMonday, ascension, whitMonday] = days.slice(2, 6).map((d) => Date.parse(d) / 86_400_000);
      expect([easterMonday! - goodFriday!, ascension! - easterMonday!, whitMonday! - easterMonday!]).toEqual([3, 38, 49]);
    }
  });
  it('the earliest porting date is 7 working days ahead, skipping weekends and holidays', () => {
    expect(earliestPortingDate('2026-11-23')).toBe('2026-12-02'); // Mon → 7 working days → Wed next week
    expect(earliestPortingDate('2026-11-22')).toBe('2026-12-01'); // from a Sunday
    // Over Christmas and New Year 2026/27: 28, 29, 30, 31 Dec, then 4, 5, 6 Jan.
    expect(earliestPortingDate('2026-12-24')).toBe('2027-01-06');
    // Over Easter 2027: 22–25 March, then 30, 31 March, 1 April.
    expect(earliestPortingDate('2027-03-19')).toBe('2027-04-01');
    expect(earliestPortingDate('2028-12-27')).toBeUndefined();
  });
  it('says why a day cannot be chosen', () => {
    const today = '2026-11-23';
    expect(portingDayProblem('2026-12-02', today)).toBeUndefined();
    expect(portingDayProblem('2026-12-01', today)).toBe('too_early');
    expect(portingDayProblem('2026-12-05', today)).toBe('weekend');
    expect(portingDayProblem('2026-12-25', today)).toBe('holiday');
    expect(portingDayProblem('2029-01-08', today)).toBe('calendar_unknown');
    expect(portingDayProblem('2026-02-30', today)).toBe('invalid_date');
  });
  it('office hours are 08:00 to 17:00, both included', () => {
    expect(['08:00', '12:30', '17:00'].every(isOfficeTime)).toBe(true);
    expect(['07:59', '17:01', '24:00', '8:00', '12:60'].some(isOfficeTime)).toBe(false);
  });
});

describe('pro-rata by day', () => {
  it('monthly price × days to the month end (both included) ÷ days in the month, half up', () => {
    expect(proRataCents(2990, '2026-11-01')).toBe(2990); // the whole month
    expect(proRataCents(2990, '2026-11-30')).toBe(100); // 2990 / 30 = 99.67 → 100
    expect(proRataCents(3000, '2026-11-16')).toBe(1500); // 15 of 30 days
    expect(proRataCents(1000, '2027-02-15')).toBe(500); // 14 of 28 days
    expect(proRataCents(1000, '2028-02-15')).toBe(517); // 15 of 29 days = 517.24
    expect(proRataCents(310, '2026-12-31')).toBe(10); // 310 / 31 = 10
    expect(proRataCents(5, '2026-12-28')).toBe(1); // 5 × 4 / 31 = 0.645 → 1
    expect(proRataCents(31, '2026-12-16')).toBe(16); // 31 × 16 / 31 = 16 exactly
    expect(proRataCents(1, '2026-12-16')).toBe(1); // 16 / 31 = 0.516 → 1
    expect(proRataCents(1, '2026-12-17')).toBe(0); // 15 / 31 = 0.48 → 0
  });
});

describe('the port order lifecycle', () => {
  it('who may make each move', () => {
    const move = (from: string, to: string, by: 'agent' | 'operator' | 'system') => checkMove(portOrderLifecycle, from as never, to as never, by);
    expect(move('draft', 'submitted', 'agent')).toBe('ok');
    expect(move('draft', 'submitted', 'operator')).toBe('forbidden');
    expect(move('submitted', 'clarification_needed', 'operator')).toBe('ok');
    expect(move('clarification_needed', 'submitted', 'agent')).toBe('ok');
    expect(move('submitted', 'approved', 'agent')).toBe('forbidden');
    expect(move('approved', 'scheduled', 'operator')).toBe('ok');
    expect(move('scheduled', 'ported', 'operator')).toBe('ok');
    expect(move('scheduled', 'failed', 'operator')).toBe('ok');
    expect(move('scheduled', 'cancelled', 'agent')).toBe('ok');
    expect(move('ported', 'cancelled', 'agent')).toBe('illegal');
    expect(move('rejected', 'submitted', 'agent')).toBe('illegal');
    expect(move('draft', 'approved', 'operator')).toBe('illegal');
    expect(CANCEL_CUTOFF_HOURS).toBe(48);
  });
});

describe('login names of workplaces', () => {
  it('ASCII letters and digits with dots between, 3 to 32 characters', () => {
    expect(['juerg.mueller', 'empfang2', 'a.b', 'x'.repeat(32)].every(isLoginName)).toBe(true);
    expect(['jü', 'jürg.müller', '.anna', 'anna.', 'an..na', 'anna mueller', 'x'.repeat(33), 'ab'].some(isLoginName)).toBe(false);
  });
});

describe('login-name suggestions', () => {
  it('transliterates umlauts, ß and accents the German way', () => {
    expect(suggestLoginName('Jürg Müller')).toBe('juerg.mueller');
    expect(suggestLoginName('Jörg Weiß')).toBe('joerg.weiss');
    expect(suggestLoginName('Hélène Fässler-Côté')).toBe('helene.faessler.cote');
    expect(suggestLoginName('Łukasz Żółw')).toBe('lukasz.zolw');
    expect(suggestLoginName('  Empfang   Zürich  ')).toBe('empfang.zuerich');
  });

  it('gives a valid login name, or none when nothing is left', () => {
    for (const name of ['Jürg Müller', 'Fax', 'Lift 2', 'A', 'Werkstatt-Telefon Halle Nord mit sehr langem Namen']) {
      expect(isLoginName(suggestLoginName(name)!), name).toBe(true);
    }
    expect(suggestLoginName('Fax')).toBe('fax');
    expect(suggestLoginName('A')).toBe('a.pbx');
    expect(suggestLoginName('Werkstatt-Telefon Halle Nord mit sehr langem Namen')!.length).toBeLessThanOrEqual(32);
    expect(suggestLoginName('!!! ???')).toBeUndefined();
  });

  it('numbers a name already taken, ignoring case', () => {
    expect(suggestLoginName('Jürg Müller', ['JUERG.MUELLER'])).toBe('juerg.mueller.2');
    expect(suggestLoginName('Jürg Müller', ['juerg.mueller', 'juerg.mueller.2'])).toBe('juerg.mueller.3');
    const long = 'Maximiliane Müller-Lüdenscheidt-Obersteiner';
    const first = suggestLoginName(long)!;
    const second = suggestLoginName(long, [first])!;
    expect(second).not.toBe(first);
    expect(isLoginName(second)).toBe(true);
  });

  it('refuses login names outside the rules', () => {
    for (const bad of ['ab', 'jürg.müller', 'juerg mueller', '.juerg', 'juerg.', 'juerg..mueller', 'a'.repeat(33), 'juerg_mueller']) {
      expect(isLoginName(bad), bad).toBe(false);
    }
    expect(isLoginName('juerg.mueller2')).toBe(true);
  });
});
