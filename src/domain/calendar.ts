// The Chinese working-day calendar: statutory holidays and make-up working days (调休) from the maintained
// `chinese-days` data, overridden by dates the office enters itself when the package does not yet know a year.
// Pure: the package is data, no I/O.
// The package ships CommonJS with a default export only: a named import fails under plain Node (tsx, CLI).
import chineseDays from 'chinese-days';

const packageIsWorkday = (date: string): boolean => chineseDays.isWorkday(date);

export type CalendarOverride = { date: string; kind: 'holiday' | 'workday'; note: string | null };

export type DayUnit = 'natural' | 'working';

export const DAY_UNIT_LABELS: Record<DayUnit, string> = { natural: '自然日', working: '工作日' };

export type WorkCalendar = {
  isWorkday: (date: string) => boolean;
  /** The date `n` days after `start` (n ≥ 0) in the given unit. */
  addDays: (start: string, n: number, unit: DayUnit) => string;
  /**
   * The last day of a window of `n` days that begins on `start` and counts `start` itself when it is a day of
   * the unit (公示 "7 natural days" posted on the 1st ends on the 7th).
   */
  windowEnd: (start: string, n: number, unit: DayUnit) => string;
  /** Days of the unit strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
  daysBetween: (from: string, to: string, unit: DayUnit) => number;
};

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function makeCalendar(overrides: readonly CalendarOverride[] = []): WorkCalendar {
  const byDate = new Map(overrides.map((o) => [o.date, o.kind]));
  const isWorkday = (date: string): boolean => {
    const o = byDate.get(date);
    if (o) return o === 'workday';
    return packageIsWorkday(date);
  };
  const isDay = (date: string, unit: DayUnit) => unit === 'natural' || isWorkday(date);
  return {
    isWorkday,
    addDays(start, n, unit) {
      let d = start;
      let left = n;
      while (left > 0) {
        d = shift(d, 1);
        if (isDay(d, unit)) left--;
      }
      return d;
    },
    windowEnd(start, n, unit) {
      let d = start;
      let counted = isDay(d, unit) ? 1 : 0;
      while (counted < n) {
        d = shift(d, 1);
        if (isDay(d, unit)) counted++;
      }
      return d;
    },
    daysBetween(from, to, unit) {
      let n = 0;
      for (let d = shift(from, 1); d <= to; d = shift(d, 1)) if (isDay(d, unit)) n++;
      return n;
    },
  };
}
