import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../src/domain/calendar';

describe('working-day calendar', () => {
  const cal = makeCalendar();

  it('knows the 2026 National Day holiday and its make-up working days', () => {
    expect(cal.isWorkday('2026-10-01')).toBe(false);
    expect(cal.isWorkday('2026-10-07')).toBe(false);
    expect(cal.isWorkday('2026-09-20')).toBe(true); // a Sunday worked in lieu
    expect(cal.isWorkday('2026-10-10')).toBe(true); // a Saturday worked in lieu
    expect(cal.isWorkday('2026-11-28')).toBe(false); // an ordinary Saturday
  });

  it('counts a 7-day 公示 window in natural days and in working days across the holiday', () => {
    // Posted Wednesday 2026-09-30; holiday 10-01..10-07, 10-10 (Saturday) worked in lieu, 10-11 Sunday off.
    // 7 natural days end 10-06; 7 working days are 9-30, 10-08, 10-09, 10-10, 10-12, 10-13, 10-14.
    expect(cal.windowEnd('2026-09-30', 7, 'natural')).toBe('2026-10-06');
    expect(cal.windowEnd('2026-09-30', 7, 'working')).toBe('2026-10-14');
  });

  it('adds working days for statutory clocks (refusal notice within 3 working days)', () => {
    // Decided 9-30: the three working days after it are 10-08, 10-09 and 10-10.
    expect(cal.addDays('2026-09-30', 3, 'working')).toBe('2026-10-10');
    expect(cal.addDays('2026-09-30', 3, 'natural')).toBe('2026-10-03');
    expect(cal.daysBetween('2026-09-30', '2026-10-12', 'working')).toBe(4);
  });

  it('lets the office override a day the package does not know', () => {
    const office = makeCalendar([
      { date: '2027-02-08', kind: 'holiday', note: '2027年春节（按国务院办公厅通知补录）' },
      { date: '2027-02-20', kind: 'workday', note: '调休上班' },
    ]);
    expect(office.isWorkday('2027-02-08')).toBe(false);
    expect(office.isWorkday('2027-02-20')).toBe(true);
    expect(cal.isWorkday('2027-02-08')).toBe(true);
  });
});
