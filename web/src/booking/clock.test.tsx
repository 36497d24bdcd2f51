import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useClock } from './clock';

describe('useClock', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads an instant the API sends in UTC on the reader’s own clock, and a location’s time as the location writes it', () => {
    vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockReturnValue({ timeZone: 'America/New_York' } as Intl.ResolvedDateTimeFormatOptions);
    const { result } = renderHook(() => useClock());

    expect(result.current.instant('2026-11-30T14:22:00+00:00')).toBe('Mon 30 Nov 2026, 9:22 AM');
    expect(result.current.dateTime('2026-11-30T10:00:00-08:00')).toBe('Mon 30 Nov 2026, 10:00 AM');
  });
});
