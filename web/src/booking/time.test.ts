import { describe, expect, it } from 'vitest';
import { addDays, clockTime, dateTimeLabel, dayLabel, formatClock, formatTime, localDate, longDateTimeLabel, minutesOfDay, todayIn, zonedIso, zoneDescription } from './time';

describe('location time', () => {
  it('shows instants in the location’s zone, not the device’s', () => {
    expect(formatTime('2026-11-24T18:00:00Z', 'America/New_York')).toBe('1:00 PM');
    expect(formatTime('2026-11-24T18:00:00Z', 'America/Los_Angeles')).toBe('10:00 AM');
    expect(formatTime('2026-11-24T18:00:00Z', 'Asia/Tokyo')).toBe('3:00 AM');
    expect(localDate('2026-11-24T18:00:00Z', 'Asia/Tokyo')).toBe('2026-11-25');
    expect(formatTime('2026-07-01T18:00:00Z', 'America/New_York')).toBe('2:00 PM');
    expect(minutesOfDay('2026-11-24T13:15:00-05:00', 'America/New_York')).toBe(13 * 60 + 15);
  });

  it('falls back to the wall clock written in the string when the zone is unknown', () => {
    expect(formatTime('2026-11-24T13:00:00-05:00', '')).toBe('1:00 PM');
    expect(formatTime('2026-11-24T00:30:00-05:00', undefined)).toBe('12:30 AM');
  });

  it('writes times the clinic’s way: 12-hour by default, 24-hour when chosen', () => {
    expect(formatClock(0, 5)).toBe('12:05 AM');
    expect(formatClock(12, 0)).toBe('12:00 PM');
    expect(formatClock(0, 5, '24h')).toBe('00:05');
    expect(formatClock(13, 30, '24h')).toBe('13:30');
    expect(formatTime('2026-11-24T18:00:00Z', 'America/New_York', '24h')).toBe('13:00');
    expect(dateTimeLabel('2026-11-24T18:00:00Z', 'America/New_York', '24h')).toBe('Tue 24 Nov 2026, 13:00');
    expect(longDateTimeLabel('2026-11-24T23:45:00Z', 'America/New_York', '24h')).toBe('Tuesday 24 November 2026 at 18:45');
    const device = new Date(2026, 10, 24, 14, 5, 9);
    expect(clockTime(device)).toBe('2:05:09 PM');
    expect(clockTime(device, '24h')).toBe('14:05:09');
  });

  it('names days and zones for people', () => {
    expect(dayLabel('2026-11-24')).toBe('Tue 24 Nov');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(zoneDescription('America/New_York')).toBe('New York time');
    expect(zoneDescription('America/Argentina/Buenos_Aires')).toBe('Buenos Aires time');
    expect(longDateTimeLabel('2026-11-24T18:00:00Z', 'America/New_York')).toBe('Tuesday 24 November 2026 at 1:00 PM');
    expect(todayIn('America/New_York', new Date('2026-11-25T03:00:00Z'))).toBe('2026-11-24');
  });

  it('builds ISO instants with the location’s offset, across daylight saving', () => {
    expect(zonedIso('2026-11-24', 13 * 60, 'America/New_York')).toBe('2026-11-24T13:00:00-05:00');
    expect(zonedIso('2026-07-01', 9 * 60 + 15, 'America/New_York')).toBe('2026-07-01T09:15:00-04:00');
    expect(zonedIso('2026-11-24', 10 * 60, 'Asia/Kolkata')).toBe('2026-11-24T10:00:00+05:30');
    expect(zonedIso('2026-11-24', 10 * 60, 'UTC')).toBe('2026-11-24T10:00:00+00:00');
  });
});
