import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { bookingApi } from '../api/booking';
import { useApi } from '../auth/AuthContext';
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
  /** The device's time with seconds, for "Updated …". */
  deviceTime(date: Date): string;
}

interface ClockSetting {
  format: ClockFormat;
  /** Called after an admin saves the clinic's choice, so every page changes at once. */
  setFormat(format: ClockFormat): void;
}

// Outside a provider (a component test, say) times are written the default way.
const ClockContext = createContext<ClockSetting>({ format: '12h', setFormat: () => {} });

/** Reads the clinic's clock choice once per area; until it arrives (or if it cannot), times are 12-hour. */
export function ClockProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [format, setFormat] = useState<ClockFormat>('12h');
  useEffect(() => {
    const controller = new AbortController();
    bookingApi.policies(api, controller.signal).then(
      (p) => setFormat(p.clockFormat === '24h' ? '24h' : '12h'),
      () => {},
    );
    return () => controller.abort();
  }, [api]);
  const value = useMemo(() => ({ format, setFormat }), [format]);
  return <ClockContext.Provider value={value}>{children}</ClockContext.Provider>;
}

export function useClock(): Clock {
  const { format } = useContext(ClockContext);
  return useMemo(
    () => ({
      format,
      time: (iso, tz) => formatTime(iso, tz, format),
      hourMinute: (hour, minute) => formatClock(hour, minute, format),
      dateTime: (iso, tz) => dateTimeLabel(iso, tz, format),
      longDateTime: (iso, tz) => longDateTimeLabel(iso, tz, format),
      deviceTime: (date) => clockTime(date, format),
    }),
    [format],
  );
}

export function useSetClockFormat(): (format: ClockFormat) => void {
  return useContext(ClockContext).setFormat;
}
