import { useEffect, useMemo, useState } from 'react';
import { bookingApi, type Slot } from '../api/booking';
import { problemOf } from '../api/errors';
import type { ProblemDetails } from '../api/problem';
import { useApi } from '../auth/AuthContext';
import { Loading, ProblemAlert } from '../ui/Alert';
import { useClock } from './clock';
import { addDays, dayLabel, localDate, todayIn, zoneDescription } from './time';

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
  /** Change it to load the times again (after a 409). */
  refreshKey?: number;
  /** The start time chosen before, to keep its day selected. */
  selected?: string | null;
  /** Slots to leave out (the appointment being moved). */
  excludeStart?: string;
}) {
  const clock = useClock();
  const api = useApi();
  const [state, setState] = useState<{
    loading: boolean;
    problem: ProblemDetails | null;
    slots: Slot[];
    timeZone: string;
  }>({ loading: true, problem: null, slots: [], timeZone: props.timeZone });
  const [reload, setReload] = useState(0);
  const zone = state.timeZone || props.timeZone;
  const [today, setToday] = useState(() => todayIn(props.timeZone));
  const days = useMemo(() => Array.from({ length: DAYS_SHOWN }, (_, i) => addDays(today, i)), [today]);
  const [day, setDay] = useState<string | null>(() => (props.selected ? localDate(props.selected, props.timeZone) : null));

  useEffect(() => {
    const controller = new AbortController();
    const from = todayIn(props.timeZone);
    setToday(from);
    setState((s) => ({ ...s, loading: true, problem: null }));
    bookingApi
      .availability(
        api,
        {
          serviceId: props.serviceId,
          locationId: props.locationId,
          from,
          to: addDays(from, DAYS_SHOWN - 1),
          practitionerId: props.practitionerId || undefined,
        },
        controller.signal,
      )
      .then(
        (a) => {
          const tz = a.timeZone || props.timeZone;
          const now = Date.now();
          const slots = a.slots
            .filter((s) => s.startTime !== props.excludeStart && Date.parse(s.startTime) > now - 60000)
            .sort((x, y) => Date.parse(x.startTime) - Date.parse(y.startTime));
          setState({ loading: false, problem: null, slots, timeZone: tz });
          // Keep the chosen day if it still has times; otherwise the first day that has some.
          setDay((current) => {
            if (current && slots.some((s) => localDate(s.startTime, tz) === current)) return current;
            const first = slots[0] ? localDate(slots[0].startTime, tz) : null;
            return first ?? current ?? from;
          });
        },
        (e) => {
          if (controller.signal.aborted) return;
          setState((s) => ({ ...s, loading: false, problem: problemOf(e) }));
        },
      );
    return () => controller.abort();
  }, [api, props.serviceId, props.locationId, props.practitionerId, props.timeZone, props.refreshKey, reload]);

  const byDay = useMemo(() => {
    const map = new Map<string, Slot[]>();
    for (const s of state.slots) {
      const d = localDate(s.startTime, zone);
      map.set(d, [...(map.get(d) ?? []), s]);
    }
    return map;
  }, [state.slots, zone]);

  const current = day ?? days[0];
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
              className={`day-strip__day${count === 0 && !state.loading ? ' is-empty' : ''}`}
              aria-pressed={d === current}
              onClick={() => setDay(d)}
            >
              <span className="day-strip__wd">{wd}</span> <span className="day-strip__num">{dn}</span>{' '}
              <span className="day-strip__mo">{mo}</span>
            </button>
          );
        })}
      </div>

      {state.loading ? (
        <Loading label="Finding free times…" />
      ) : state.problem ? (
        <ProblemAlert problem={state.problem}>
          <button type="button" className="btn" onClick={() => setReload((n) => n + 1)}>
            Try again
          </button>
        </ProblemAlert>
      ) : daySlots.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">No times left on this day — try another day</p>
        </div>
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
