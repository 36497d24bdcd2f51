import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { usePolicies } from '../api/bookingQueries';
import { clockTime, dateTimeLabel, formatClock, formatTime, longDateTimeLabel, type ClockFormat } from './time';

/** The clinic's way of writing times, bound to the formatters every page uses. */
export interface Clock {
  format: ClockFormat;
  /** "1:00 PM" / "13:00" at the location. */
  time(iso: string, tz?: string | null): string;
  /** An hour and minute of the location's day. */
  hourMinute(hour: number, minute: number): string;
  /** "Tue 24 Nov 2026, 1:00 PM" at the location. */
  dateTime(iso: string, tz?: string | null): string;
  /** "Tuesday 24 November 2026 at 1:00 PM" at the location. */
  longDateTime(iso: string, tz?: string | null): string;
  /** "Tue 24 Nov 2026, 1:00 PM" for an instant the API sends in UTC (signed, logged, viewed), on the reader's own clock. */
  instant(iso: string): string;
  /** The device's time with seconds, for "Updated …". */
  deviceTime(date: Date): string;
}

/** The reader's own time zone: instants that belong to no location (a signature, a log entry) are read in it. */
export function viewerZone(): string | undefined {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
}

// Outside a provider (a component test, say) times are written the default way.
const ClockContext = createContext<ClockFormat>('12h');

/**
 * Reads the clinic's clock choice from the booking policies; until they arrive (or if they cannot), times are 12-hour.
 * An admin's save writes the policies into the query cache, so every page changes at once.
 */
export function ClockProvider({ children }: { children: ReactNode }) {
  const policies = usePolicies();
  const format: ClockFormat = policies.data?.clockFormat === '24h' ? '24h' : '12h';
  return <ClockContext.Provider value={format}>{children}</ClockContext.Provider>;
}

export function useClock(): Clock {
  const format = useContext(ClockContext);
  return useMemo(
    () => ({
      format,
      time: (iso, tz) => formatTime(iso, tz, format),
      hourMinute: (hour, minute) => formatClock(hour, minute, format),
      dateTime: (iso, tz) => dateTimeLabel(iso, tz, format),
      longDateTime: (iso, tz) => longDateTimeLabel(iso, tz, format),
      instant: (iso) => dateTimeLabel(iso, viewerZone(), format),
      deviceTime: (date) => clockTime(date, format),
    }),
    [format],
  );
}
