import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLiveChanges } from '../api/live';
import { useMemo, useState } from 'react';
import { bookingApi, type Slot } from '../api/booking';
import { queryKeys } from '../api/queries';
import { useApi } from '../auth/AuthContext';
import { Loading, LoadProblem } from '../ui/Alert';
import { useClock } from './clock';
import { addDays, dayLabel, localDate, todayIn, zoneDescription } from './time';
import { EmptyState } from '../ui/EmptyState';

export const DAYS_SHOWN = 14;

/**
 * Day strip (the next 14 days at the location) and the free times of the chosen day.
 * Used to book and to reschedule. Times are shown in the location's time zone.
 */
export function SlotPicker(props: {
  serviceId: string;
  locationId: string;
  practitionerId?: string;
  /** The location's zone, known before availability answers. */
  timeZone: string;
  onPick: (slot: Slot, timeZone: string) => void;
  /** The start time chosen before, to keep its day selected. */
  selected?: string | null;
  /** Slots to leave out (the appointment being moved). */
  excludeStart?: string;
}) {
  const clock = useClock();
  const api = useApi();
  const today = useMemo(() => todayIn(props.timeZone), [props.timeZone]);
  const days = useMemo(() => Array.from({ length: DAYS_SHOWN }, (_, i) => addDays(today, i)), [today]);
  const q = {
    serviceId: props.serviceId,
    locationId: props.locationId,
    from: today,
    to: addDays(today, DAYS_SHOWN - 1),
    practitionerId: props.practitionerId || undefined,
  };
  // Times already past (a minute's grace) are left out when the answer arrives; a booking or a move elsewhere
  // invalidates queryKeys.booking.availability and the times load again — here, in this browser, or pushed from anywhere
  // in the clinic (someone else took a time at this location).
  const queryClient = useQueryClient();
  useLiveChanges('/api/booking/live', (change) => {
    if (change.locationId === props.locationId) void queryClient.invalidateQueries({ queryKey: queryKeys.booking.availability });
  });
  const availability = useQuery({
    queryKey: queryKeys.booking.availabilityFor(q),
    queryFn: async ({ signal }) => {
      const a = await bookingApi.availability(api, q, signal);
      const now = Date.now();
      const slots = a.slots
        .filter((s) => Date.parse(s.startTime) > now - 60000)
        .sort((x, y) => Date.parse(x.startTime) - Date.parse(y.startTime));
      return { timeZone: a.timeZone || props.timeZone, slots };
    },
  });
  const zone = availability.data?.timeZone || props.timeZone;
  const slots = useMemo(
    () => (availability.data?.slots ?? []).filter((s) => s.startTime !== props.excludeStart),
    [availability.data, props.excludeStart],
  );
  // The day the person chose, and which answer it was chosen against.
  const [choice, setChoice] = useState<{ day: string | null; at: number }>(() => ({
    day: props.selected ? localDate(props.selected, props.timeZone) : null,
    at: -1,
  }));
  const byDay = useMemo(() => {
    const map = new Map<string, Slot[]>();
    for (const s of slots) {
      const d = localDate(s.startTime, zone);
      map.set(d, [...(map.get(d) ?? []), s]);
    }
    return map;
  }, [slots, zone]);

  // A newer answer than the choice keeps the chosen day if it still has times; otherwise the first day that has some.
  const answeredAt = availability.data ? availability.dataUpdatedAt : 0;
  const firstWithTimes = slots[0] ? localDate(slots[0].startTime, zone) : null;
  const current =
    !availability.data || choice.at >= answeredAt || (choice.day && byDay.has(choice.day))
      ? (choice.day ?? days[0])
      : (firstWithTimes ?? choice.day ?? today);
  const daySlots = byDay.get(current) ?? [];

  return (
    <div className="slot-picker">
      <p className="zone-note">Times are in {zoneDescription(zone)}</p>
      <div className="day-strip" role="group" aria-label="Day">
        {days.map((d) => {
          const count = byDay.get(d)?.length ?? 0;
          const [wd, dn, mo] = dayLabel(d).split(' ');
          return (
            <button
              key={d}
              type="button"
              className={`day-strip__day${count === 0 && !availability.isPending ? ' is-empty' : ''}`}
              aria-pressed={d === current}
              onClick={() => setChoice({ day: d, at: answeredAt })}
            >
              <span className="day-strip__wd">{wd}</span> <span className="day-strip__num">{dn}</span>{' '}
              <span className="day-strip__mo">{mo}</span>
            </button>
          );
        })}
      </div>

      {availability.isPending ? (
        <Loading label="Finding free times…" />
      ) : availability.isError ? (
        <LoadProblem error={availability.error} retry={() => void availability.refetch()} />
      ) : daySlots.length === 0 ? (
        <EmptyState title="No times left on this day — try another day" />
      ) : (
        <div className="slots" role="group" aria-label={`Times on ${dayLabel(current)}`}>
          {daySlots.map((s) => (
            <button
              key={s.startTime}
              type="button"
              className={`slot${props.selected === s.startTime ? ' is-selected' : ''}`}
              aria-pressed={props.selected === s.startTime ? true : undefined}
              onClick={() => props.onPick(s, zone)}
            >
              {clock.time(s.startTime, zone)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
