import { describe, expect, it } from 'vitest';
import { addDays, dayLabel, formatTime, localDate, longDateTimeLabel, minutesOfDay, todayIn, zonedIso, zoneDescription } from './time';

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
