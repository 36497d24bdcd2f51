import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { calendarApi, type Appointment, type CalendarDayHours, type TimeRange } from '../../api/booking';
import { useLiveChanges } from '../../api/live';
import { queryKeys } from '../../api/queries';
import { DAYS, type Location } from '../../api/types';
import { useApi, useAuth } from '../../auth/AuthContext';
import { useClock } from '../../booking/clock';
import { addDays, dayLabel, localDate, longDateLabel, minutesOfDay, todayIn, weekdayOf, zoneDescription } from '../../booking/time';
import { Loading, LoadProblem, StatusMessage } from '../../ui/Alert';
import { SelectField } from '../../ui/Field';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useLookup } from '../resource/useLookup';
import { AppointmentPanel } from './AppointmentPanel';
import { BookingDialog } from './BookingDialog';
import { CalendarGrid, SLOT_MINUTES, type CalendarBusy, type CalendarColumn, type EmptyCell, type MinuteRange } from './CalendarGrid';
import { CheckInByCode } from './CheckInByCode';
import { canBookFromCalendar } from './statusRules';
import { EmptyState } from '../../ui/EmptyState';

export const CALENDAR_REFRESH_MS = 15_000;
const DEFAULT_OPEN = 8 * 60;
const DEFAULT_CLOSE = 20 * 60;

type View = 'day' | 'week';
type GroupBy = 'practitioner' | 'room';

function toMinutes(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** A day's ranges as minutes of that local date (a range reaching the next midnight ends at 1440). */
export function minuteRanges(ranges: TimeRange[], date: string, timeZone: string): MinuteRange[] {
  return ranges
    .map((r): MinuteRange => [
      localDate(r.startTime, timeZone) === date ? minutesOfDay(r.startTime, timeZone) : 0,
      localDate(r.endTime, timeZone) === date ? minutesOfDay(r.endTime, timeZone) : 24 * 60,
    ])
    .filter(([from, to]) => to > from);
}

/** What the API says about a shown day, as minute ranges: opening, each practitioner's working, anyone's working. */
export function dayAvailability(day: CalendarDayHours | undefined, timeZone: string) {
  if (!day) return null;
  const open = minuteRanges(day.open, day.date, timeZone);
  const working: Record<string, MinuteRange[]> = {};
  for (const [id, ranges] of Object.entries(day.working ?? {})) working[id] = minuteRanges(ranges, day.date, timeZone);
  return {
    open,
    working,
    anyone: Object.values(working).flat(),
    closed: open.length === 0 ? (day.closure ?? '') : undefined,
  };
}

/**
 * Rows run from the earliest opening or working time to the latest of the days shown (from the API's hours; the
 * location's weekly hours when those are empty) and cover every appointment and busy block.
 */
export function hoursRange(
  location: Pick<Location, 'openingHours'> | undefined,
  dates: string[],
  appointments: { startTime: string; endTime: string }[],
  timeZone: string,
  hours: CalendarDayHours[] = [],
): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  for (const day of hours) {
    if (!dates.includes(day.date)) continue;
    const a = dayAvailability(day, timeZone)!;
    for (const [from, to] of [...a.open, ...a.anyone]) {
      start = Math.min(start, from);
      end = Math.max(end, to);
    }
  }
  if (!Number.isFinite(start)) {
    for (const d of dates) {
      // DAYS starts on Monday; weekdayOf is 0 for Sunday.
      const day = DAYS[(weekdayOf(d) + 6) % 7];
      for (const h of location?.openingHours ?? []) {
        if (h.day !== day) continue;
        const open = toMinutes(h.open);
        const close = toMinutes(h.close);
        if (open !== null) start = Math.min(start, open);
        if (close !== null) end = Math.max(end, close <= (open ?? 0) ? 24 * 60 : close);
      }
    }
  }
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
    start = DEFAULT_OPEN;
    end = DEFAULT_CLOSE;
  }
  for (const a of appointments) {
    start = Math.min(start, minutesOfDay(a.startTime, timeZone));
    const endsSameDay = localDate(a.endTime, timeZone) === localDate(a.startTime, timeZone);
    end = Math.max(end, endsSameDay ? minutesOfDay(a.endTime, timeZone) : 24 * 60);
  }
  start = Math.floor(start / SLOT_MINUTES) * SLOT_MINUTES;
  end = Math.ceil(end / SLOT_MINUTES) * SLOT_MINUTES;
  return { start, end: Math.min(24 * 60, end) };
}

/** /staff/calendar: the day or week at one location, by practitioner or by room. */
export function CalendarPage() {
  const clock = useClock();
  useDocumentTitle('Calendar');
  const api = useApi();
  const { me } = useAuth();
  const locations = useLookup<Location>('locations');
  const liveLocations = useMemo(() => locations.items.filter((l) => !l.deleted), [locations.items]);
  const [chosenLocationId, setLocationId] = useState('');
  // The first location until another is chosen; its today until another day is.
  const locationId = chosenLocationId || liveLocations[0]?.id || '';
  const location = liveLocations.find((l) => l.id === locationId);
  const [chosenDate, setDate] = useState('');
  const date = chosenDate || (location ? todayIn(location.timeZone) : '');
  const [view, setView] = useState<View>('day');
  const [groupBy, setGroupBy] = useState<GroupBy>('practitioner');
  const [showCancelled, setShowCancelled] = useState(false);
  const [message, setMessage] = useState('');
  const [cell, setCell] = useState<EmptyCell | null>(null);
  const [selected, setSelected] = useState<Appointment | null>(null);
  const canBook = canBookFromCalendar(me?.role);
  const days = view === 'week' ? 7 : 1;

  // A change anywhere in the clinic (a booking online, a cancellation, a check-in at the desk) is pushed here and this
  // location's days read again at once; while the live connection is down, read again every 15 seconds (every minute
  // while it is up, for changes no one pushes). Another day or view of the same location keeps the grid until its
  // answer arrives.
  const queryClient = useQueryClient();
  const live = useLiveChanges('/api/live/calendar', (change) => {
    if (change.locationId === locationId) void queryClient.invalidateQueries({ queryKey: queryKeys.calendarPrefix });
  });
  const calendar = useQuery({
    queryKey: queryKeys.calendar({ locationId, date, days }),
    queryFn: ({ signal }) => calendarApi.day(api, { locationId, date, days: days as 1 | 7 }, signal),
    enabled: !!locationId && !!date,
    refetchInterval: live ? CALENDAR_REFRESH_MS * 4 : CALENDAR_REFRESH_MS,
    placeholderData: (previous, previousQuery) =>
      (previousQuery?.queryKey[1] as { locationId?: string } | undefined)?.locationId === locationId ? previous : undefined,
  });
  const data = calendar.data;
  const reload = () => void queryClient.invalidateQueries({ queryKey: queryKeys.calendar({ locationId, date, days }) });
  const timeZone = data?.timeZone || location?.timeZone || '';

  const dates = useMemo(() => (date ? Array.from({ length: days }, (_, i) => addDays(date, i)) : []), [date, days]);

  const visible = useMemo(
    () => (data?.appointments ?? []).filter((a) => showCancelled || a.status !== 'cancelled'),
    [data, showCancelled],
  );

  const availability = useMemo(() => {
    const byDate = new Map<string, ReturnType<typeof dayAvailability>>();
    for (const d of data?.hours ?? []) byDate.set(d.date, dayAvailability(d, timeZone));
    return byDate;
  }, [data, timeZone]);

  const busy: CalendarBusy[] = useMemo(() => {
    const names = new Map((data?.practitioners ?? []).map((p) => [p.id, p.displayName]));
    return (data?.busy ?? []).map((b) => ({ ...b, practitionerName: names.get(b.practitionerId) }));
  }, [data]);

  const columns: CalendarColumn[] = useMemo(() => {
    if (!data || !date) return [];
    const on = (d: string) => (x: { startTime: string }) => localDate(x.startTime, timeZone) === d;
    if (view === 'week') {
      return dates.map((d) => {
        const day = availability.get(d);
        return {
          key: d,
          label: dayLabel(d),
          date: d,
          appointments: visible.filter(on(d)),
          busy: busy.filter(on(d)),
          open: day?.open,
          working: day?.anyone,
          closed: day?.closed,
        };
      });
    }
    const today = visible.filter(on(date));
    const day = availability.get(date);
    if (groupBy === 'room') {
      const shade = { open: day?.open, working: day?.anyone, closed: day?.closed };
      const cols: CalendarColumn[] = data.rooms.map((r) => ({
        key: r.id,
        label: r.name,
        date,
        roomId: r.id,
        appointments: today.filter((a) => a.roomId === r.id),
        ...shade,
      }));
      const unassigned = today.filter((a) => !a.roomId || !data.rooms.some((r) => r.id === a.roomId));
      if (unassigned.length) cols.push({ key: '__none', label: 'No room', date, appointments: unassigned, ...shade });
      return cols;
    }
    const people = [...data.practitioners];
    for (const a of today) {
      if (a.practitionerId && !people.some((p) => p.id === a.practitionerId))
        people.push({ id: a.practitionerId, displayName: a.practitionerName || a.practitionerId });
    }
    const busyToday = busy.filter(on(date));
    return people.map((p) => ({
      key: p.id,
      label: p.displayName,
      date,
      practitionerId: p.id,
      appointments: today.filter((a) => a.practitionerId === p.id),
      busy: busyToday.filter((b) => b.practitionerId === p.id).map((b) => ({ ...b, practitionerName: undefined })),
      open: day?.open,
      working: day ? (day.working[p.id] ?? []) : undefined,
      closed: day?.closed,
    }));
  }, [data, date, dates, view, groupBy, visible, busy, availability, timeZone]);

  const range = useMemo(
    () => hoursRange(location, dates, [...visible, ...busy], timeZone, data?.hours),
    [location, dates, visible, busy, timeZone, data],
  );
  const closedToday = view === 'day' ? availability.get(date)?.closed : undefined;

  function move(daysDelta: number) {
    setDate(addDays(date, daysDelta));
  }

  const roomName = (id?: string | null) => data?.rooms.find((r) => r.id === id)?.name;
  const step = view === 'week' ? 7 : 1;
  const unit = view === 'week' ? 'week' : 'day';

  return (
    <section className="calendar" aria-labelledby="calendar-h">
      <div className="page-header">
        <h1 id="calendar-h">Calendar</h1>
        <div className="calendar__status">
          <p className="muted updated" role="status" aria-live="polite">
            {data && calendar.dataUpdatedAt ? `Updated ${clock.deviceTime(new Date(calendar.dataUpdatedAt))}` : ''}
          </p>
          {/* Whether changes made elsewhere arrive at once, or with the next check (a dropped connection says so). */}
          <p className={live ? 'live-state live-state--on' : 'muted live-state'} title={live ? 'Changes made elsewhere appear at once.' : 'Changes made elsewhere appear within 15 seconds.'}>
            {live ? 'Live' : 'Checking every 15 s'}
          </p>
        </div>
      </div>

      {locations.loading ? (
        <Loading label="Loading locations…" />
      ) : liveLocations.length === 0 ? (
        <EmptyState title="No locations yet">
          <p className="muted">The calendar appears once an admin has added a location.</p>
        </EmptyState>
      ) : (
        <>
          <div className="toolbar cal-toolbar">
            <SelectField
              name="locationId"
              label="Location"
              value={locationId}
              onChange={(v) => {
                setLocationId(v);
                setDate('');
              }}
              options={liveLocations.map((l) => ({ value: l.id, label: l.name }))}
            />
            <div className="field">
              <label htmlFor="calendar-date">Date</label>
              <input id="calendar-date" type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
            </div>
            <div className="btn-group" role="group" aria-label="Date">
              <button type="button" className="btn" onClick={() => move(-step)}>
                Previous {unit}
              </button>
              <button type="button" className="btn" onClick={() => setDate(todayIn(timeZone))}>
                Today
              </button>
              <button type="button" className="btn" onClick={() => move(step)}>
                Next {unit}
              </button>
            </div>
            <div className="btn-group" role="group" aria-label="View">
              {(['day', 'week'] as const).map((v) => (
                <button key={v} type="button" className="btn" aria-pressed={view === v} onClick={() => setView(v)}>
                  {v === 'day' ? 'Day' : 'Week'}
                </button>
              ))}
            </div>
            {view === 'day' && (
              <div className="btn-group" role="group" aria-label="Columns">
                {(['practitioner', 'room'] as const).map((g) => (
                  <button key={g} type="button" className="btn" aria-pressed={groupBy === g} onClick={() => setGroupBy(g)}>
                    {g === 'practitioner' ? 'By practitioner' : 'By room'}
                  </button>
                ))}
              </div>
            )}
            <div className="field field--check">
              <input id="show-cancelled" type="checkbox" checked={showCancelled} onChange={(e) => setShowCancelled(e.target.checked)} />
              <label htmlFor="show-cancelled">Show cancelled</label>
            </div>
          </div>

          <CheckInByCode
            timeZone={timeZone}
            onCheckedIn={reload}
          />

          <h2 className="cal-date">
            {date && (view === 'week' ? `${longDateLabel(date)} – ${longDateLabel(addDays(date, 6))}` : longDateLabel(date))}
          </h2>
          {timeZone && <p className="muted zone-note">Times are in {zoneDescription(timeZone)}</p>}
          {message && <StatusMessage>{message}</StatusMessage>}
          {calendar.isError && <LoadProblem error={calendar.error} retry={() => void calendar.refetch()} />}
          {calendar.isPending && calendar.isFetching ? (
            <Loading label="Loading the calendar…" />
          ) : data && columns.length === 0 ? (
            <div className="empty-state">
              <p className="empty-state__title">
                {groupBy === 'room' && view === 'day' ? 'No rooms at this location' : 'No practitioners work here on this day'}
              </p>
            </div>
          ) : data ? (
            <>
              {closedToday !== undefined && (
                <div className="notice cal-closed" role="note">
                  <p>
                    <strong>Closed{closedToday ? ` — ${closedToday}` : ''}.</strong> {location?.name ?? 'This location'} is closed on{' '}
                    {longDateLabel(date)}; nothing can be booked on this day.
                  </p>
                </div>
              )}
              {groupBy === 'room' && view === 'day' && busy.length > 0 && (
                <p className="muted cal-help">Busy times (colleagues’ visits, practitioners’ own calendars) are shown by practitioner.</p>
              )}
              {canBook && closedToday === undefined && (
                <p className="muted cal-help">
                  Choose an empty time to book; arrow keys move between times. Shaded times are closed or outside working hours.
                </p>
              )}
              <CalendarGrid
                columns={columns}
                timeZone={timeZone}
                startMinutes={range.start}
                endMinutes={range.end}
                kind={view === 'week' ? 'day' : groupBy}
                onEmptyCell={canBook ? setCell : undefined}
                onAppointment={setSelected}
              />
            </>
          ) : null}
        </>
      )}

      {cell && data && (
        <BookingDialog
          locationId={locationId}
          date={cell.column.date}
          minutes={cell.minutes}
          timeZone={timeZone}
          practitioners={data.practitioners}
          practitionerId={cell.column.practitionerId}
          onClose={() => setCell(null)}
          onBooked={(a) => {
            setCell(null);
            setMessage(`Booked ${a.serviceName} for ${a.patientName} at ${clock.time(a.startTime, timeZone)}.`);
            reload();
          }}
        />
      )}
      {selected && (
        <AppointmentPanel
          appointment={selected}
          timeZone={timeZone}
          roomName={roomName(selected.roomId)}
          onClose={() => setSelected(null)}
          onChanged={reload}
        />
      )}
    </section>
  );
}
