/**
 * Dates and times at a clinic location. The API sends ISO 8601 instants with the location's offset;
 * everything a person sees is shown in the LOCATION's time zone, whatever the device's zone is.
 * Local calendar dates travel as 'yyyy-MM-dd' strings.
 */

const WEEKDAYS_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const WALL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/;

function validZone(tz: string | undefined | null): tz is string {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = partsCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsCache.set(tz, f);
  }
  return f;
}

interface Wall {
  date: string;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock of an instant in a zone; without a usable zone, the wall clock written in the string. */
export function wallClock(iso: string, tz?: string | null): Wall {
  if (validZone(tz)) {
    const ms = Date.parse(iso);
    if (!Number.isNaN(ms)) {
      const p: Record<string, string> = {};
      for (const part of partsFormatter(tz).formatToParts(new Date(ms))) p[part.type] = part.value;
      const hour = Number(p.hour) % 24;
      return {
        date: `${p.year}-${p.month}-${p.day}`,
        hour,
        minute: Number(p.minute),
        second: Number(p.second),
      };
    }
  }
  const m = WALL.exec(iso);
  if (m) return { date: m[1], hour: Number(m[2]), minute: Number(m[3]), second: 0 };
  return { date: iso.slice(0, 10), hour: 0, minute: 0, second: 0 };
}

/** How a clinic writes times: "1:00 PM" or "13:00". A clinic setting (booking policies); 12-hour until chosen. */
export type ClockFormat = '12h' | '24h';

/** "1:00 PM" (12h) or "13:00" (24h). */
export function formatClock(hour: number, minute: number, clock: ClockFormat = '12h'): string {
  const mm = String(minute).padStart(2, '0');
  if (clock === '24h') return `${String(hour).padStart(2, '0')}:${mm}`;
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}:${mm} ${hour < 12 ? 'AM' : 'PM'}`;
}

/** The local time of an instant at the location: "1:00 PM". */
export function formatTime(iso: string, tz?: string | null, clock: ClockFormat = '12h'): string {
  const w = wallClock(iso, tz);
  return formatClock(w.hour, w.minute, clock);
}

/** The local date ('yyyy-MM-dd') of an instant at the location. */
export function localDate(iso: string, tz?: string | null): string {
  return wallClock(iso, tz).date;
}

/** Minutes since local midnight of an instant at the location. */
export function minutesOfDay(iso: string, tz?: string | null): number {
  const w = wallClock(iso, tz);
  return w.hour * 60 + w.minute;
}

function ymdParts(ymd: string): [number, number, number] {
  const [y, m, d] = ymd.split('-').map(Number);
  return [y, m, d];
}

export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymdParts(ymd);
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return dt.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(ymd: string): number {
  const [y, m, d] = ymdParts(ymd);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** "Tue 24 Nov" */
export function dayLabel(ymd: string): string {
  const [, m, d] = ymdParts(ymd);
  return `${WEEKDAYS_SHORT[weekdayOf(ymd)]} ${d} ${MONTHS_SHORT[m - 1]}`;
}

/** "Tuesday 24 November 2026" */
export function longDateLabel(ymd: string): string {
  const [y, m, d] = ymdParts(ymd);
  return `${WEEKDAYS_LONG[weekdayOf(ymd)]} ${d} ${MONTHS_LONG[m - 1]} ${y}`;
}

/** "Tue 24 Nov 2026, 1:00 PM" at the location. */
export function dateTimeLabel(iso: string, tz?: string | null, clock: ClockFormat = '12h'): string {
  const w = wallClock(iso, tz);
  const [y] = ymdParts(w.date);
  return `${dayLabel(w.date)} ${y}, ${formatClock(w.hour, w.minute, clock)}`;
}

/** "Tuesday 24 November 2026 at 1:00 PM" at the location. */
export function longDateTimeLabel(iso: string, tz?: string | null, clock: ClockFormat = '12h'): string {
  const w = wallClock(iso, tz);
  return `${longDateLabel(w.date)} at ${formatClock(w.hour, w.minute, clock)}`;
}

/** Today's date at the location. */
export function todayIn(tz?: string | null, now: Date = new Date()): string {
  if (validZone(tz)) return wallClock(now.toISOString(), tz).date;
  const y = now.getFullYear();
  return `${y}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** "New York time" */
export function zoneDescription(tz: string): string {
  if (!tz) return 'the clinic’s local time';
  if (!tz.includes('/')) return `${tz} time`;
  // People read a city, not a database id: "New York time", never "America/New_York".
  const city = tz.split('/').pop()!.replace(/_/g, ' ');
  return `${city} time`;
}

/** Offset of a zone from UTC, in minutes, at an instant (New York in winter: -300). */
export function offsetMinutes(tz: string, utcMs: number): number {
  const w = wallClock(new Date(utcMs).toISOString(), tz);
  const [y, m, d] = ymdParts(w.date);
  const asUtc = Date.UTC(y, m - 1, d, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The ISO instant, with the location's offset, of a local date and minutes after midnight there. */
export function zonedIso(ymd: string, minutes: number, tz: string): string {
  const [y, m, d] = ymdParts(ymd);
  const naive = Date.UTC(y, m - 1, d, 0, minutes);
  let offset = 0;
  if (validZone(tz)) {
    offset = offsetMinutes(tz, naive);
    const second = offsetMinutes(tz, naive - offset * 60000);
    if (second !== offset) offset = second;
  }
  const local = new Date(naive).toISOString().slice(0, 19);
  return `${local}${formatOffset(offset)}`;
}

/** "9:59" for a countdown. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** The device's time of day with seconds, for "Updated …": "1:05:09 PM" or "13:05:09". */
export function clockTime(date: Date, clock: ClockFormat = '12h'): string {
  const [h, m] = formatClock(date.getHours(), date.getMinutes(), clock).split(' ');
  const seconds = `:${String(date.getSeconds()).padStart(2, '0')}`;
  return m ? `${h}${seconds} ${m}` : `${h}${seconds}`;
}
