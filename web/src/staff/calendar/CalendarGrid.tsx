import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { missingFormsOf, statusLabel, type Appointment, type BusyBlock } from '../../api/booking';
import { useClock } from '../../booking/clock';
import { dayLabel, localDate, minutesOfDay, todayIn } from '../../booking/time';
import './calendarForms.css';

export const SLOT_MINUTES = 15;
/** Blocks of this many rows (30 minutes) or fewer show one line: time and patient; the rest is in the name and title. */
export const COMPACT_ROWS = 2;

/** Minutes from the local midnight, [from, to); `to` may be 1440. */
export type MinuteRange = [number, number];

export interface CalendarBusy extends BusyBlock {
  /** Whose time it is, for columns that are not one practitioner's (days, rooms). */
  practitionerName?: string;
}

export interface CalendarColumn {
  key: string;
  label: string;
  /** The local date of the column's cells. */
  date: string;
  practitionerId?: string;
  roomId?: string;
  appointments: Appointment[];
  /** Colleagues' appointments shown as busy time (no patient, not clickable). */
  busy?: CalendarBusy[];
  /** When the location is open on the column's date; undefined: not known, nothing shaded. */
  open?: MinuteRange[];
  /** When this column's practitioner (or, for days and rooms, any practitioner) works; undefined: not checked. */
  working?: MinuteRange[];
  /** Set when the location is closed all day: the reason shown across the column ("Closed — Christmas Day"). */
  closed?: string;
}

export interface EmptyCell {
  column: CalendarColumn;
  minutes: number;
}

export type CellState = 'open' | 'closed' | 'off';

interface Timed {
  startTime: string;
  endTime: string;
}

interface Placed<T extends Timed> {
  item: T;
  startRow: number;
  span: number;
  lane: number;
  lanes: number;
}

function inRanges(ranges: MinuteRange[], minutes: number): boolean {
  return ranges.some(([from, to]) => from <= minutes && minutes < to);
}

/** Whether a cell can be booked: 'closed' outside opening hours, 'off' when nobody (this practitioner) works then. */
export function cellState(column: Pick<CalendarColumn, 'open' | 'working' | 'closed'>, minutes: number): CellState {
  if (column.closed !== undefined) return 'closed';
  if (column.open && !inRanges(column.open, minutes)) return 'closed';
  if (column.working && !inRanges(column.working, minutes)) return 'off';
  return 'open';
}

/** Places a column's blocks on 15-minute rows, side by side when they overlap. */
export function placeBlocks<T extends Timed>(items: T[], timeZone: string, startMinutes: number, rows: number): Placed<T>[] {
  const placed = items
    .map((item) => {
      const start = minutesOfDay(item.startTime, timeZone);
      const sameDay = localDate(item.endTime, timeZone) === localDate(item.startTime, timeZone);
      const end = sameDay ? minutesOfDay(item.endTime, timeZone) : 24 * 60;
      const startRow = Math.max(0, Math.floor((start - startMinutes) / SLOT_MINUTES));
      const endRow = Math.min(rows, Math.max(startRow + 1, Math.ceil((end - startMinutes) / SLOT_MINUTES)));
      return { item, startRow, span: endRow - startRow, lane: 0, lanes: 1 };
    })
    .sort((a, b) => a.startRow - b.startRow || b.span - a.span);

  // Greedy lanes within clusters of overlapping blocks.
  let cluster: Placed<T>[] = [];
  let clusterEnd = -1;
  const laneEnds: number[] = [];
  const finish = () => {
    const lanes = Math.max(1, ...cluster.map((c) => c.lane + 1));
    for (const c of cluster) c.lanes = lanes;
    cluster = [];
    laneEnds.length = 0;
  };
  for (const p of placed) {
    if (p.startRow >= clusterEnd && cluster.length) finish();
    let lane = laneEnds.findIndex((end) => end <= p.startRow);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = p.startRow + p.span;
    p.lane = lane;
    cluster.push(p);
    clusterEnd = Math.max(clusterEnd, p.startRow + p.span);
  }
  if (cluster.length) finish();
  return placed;
}

/** Runs of cells that cannot be booked, as one shaded block each. */
function unavailableRuns(column: CalendarColumn, startMinutes: number, rows: number) {
  const runs: { startRow: number; span: number; state: Exclude<CellState, 'open'> }[] = [];
  for (let r = 0; r < rows; r++) {
    const state = cellState(column, startMinutes + r * SLOT_MINUTES);
    if (state === 'open') continue;
    const last = runs[runs.length - 1];
    if (last && last.state === state && last.startRow + last.span === r) last.span++;
    else runs.push({ startRow: r, span: 1, state });
  }
  return runs;
}


const FORMS_MISSING = 'Forms missing';

/** A short block's marker: a warning sign drawn before the patient (its words are in the block's name and title). */
function FormsMissingFlag() {
  return (
    <span className="cal__appt-flag" aria-hidden="true">
      ⚠
    </span>
  );
}

/** Re-renders every minute, for the "now" line. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/**
 * The calendar grid: one column per practitioner, room or day; one row per 15 minutes.
 * Empty cells that can be booked are buttons (one tab stop, arrow keys move between them); times outside the opening
 * hours or a practitioner's working hours are shaded blocks that say so. Appointments are buttons; colleagues' busy
 * time is a plain "Busy" block.
 */
export function CalendarGrid(props: {
  columns: CalendarColumn[];
  timeZone: string;
  startMinutes: number;
  endMinutes: number;
  /** Column header text for screen readers ("Practitioner", "Room", "Day"). */
  kind: 'practitioner' | 'room' | 'day';
  onEmptyCell?: (cell: EmptyCell) => void;
  onAppointment: (a: Appointment) => void;
}) {
  const clock = useClock();
  const clockAt = (minutes: number) => clock.hourMinute(Math.floor(minutes / 60) % 24, minutes % 60);
  const rows = Math.max(1, Math.ceil((props.endMinutes - props.startMinutes) / SLOT_MINUTES));
  const [active, setActive] = useState<{ col: number; row: number }>({ col: 0, row: 0 });
  const now = useNow();
  const today = props.timeZone ? todayIn(props.timeZone, now) : '';
  const nowMinutes = props.timeZone ? minutesOfDay(now.toISOString(), props.timeZone) : -1;

  const placed = useMemo(
    () =>
      props.columns.map((c) => ({
        appointments: placeBlocks(c.appointments, props.timeZone, props.startMinutes, rows),
        busy: placeBlocks(c.busy ?? [], props.timeZone, props.startMinutes, rows),
      })),
    [props.columns, props.timeZone, props.startMinutes, rows],
  );
  const states = useMemo(
    () => props.columns.map((c) => Array.from({ length: rows }, (_, r) => cellState(c, props.startMinutes + r * SLOT_MINUTES))),
    [props.columns, props.startMinutes, rows],
  );
  const bookable = (col: number, row: number) => states[col]?.[row] === 'open';

  // The one tab stop: the active cell when it can be booked, else the first cell that can.
  const focused = (() => {
    const col = Math.min(active.col, props.columns.length - 1);
    if (bookable(col, active.row)) return { col, row: active.row };
    for (let c = 0; c < props.columns.length; c++) {
      const r = states[c].indexOf('open');
      if (r >= 0) return { col: c, row: r };
    }
    return { col: -1, row: -1 };
  })();

  function cellName(column: CalendarColumn, minutes: number) {
    const time = clockAt(minutes);
    if (props.kind === 'day') return `Book ${dayLabel(column.date)} at ${time}`;
    if (props.kind === 'room') return `Book ${time} in ${column.label}`;
    return `Book ${time} with ${column.label}`;
  }

  /** The next bookable cell from (col, row) stepping by (dc, dr), or null at the edge. */
  function next(col: number, row: number, dc: number, dr: number) {
    for (let c = col + dc, r = row + dr; c >= 0 && c < props.columns.length && r >= 0 && r < rows; c += dc, r += dr) {
      if (bookable(c, r)) return { col: c, row: r };
    }
    return null;
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const target = e.target as HTMLElement;
    if (!target.dataset.cell) return;
    const { col, row } = focused;
    let to: { col: number; row: number } | null;
    if (e.key === 'ArrowDown') to = next(col, row, 0, 1);
    else if (e.key === 'ArrowUp') to = next(col, row, 0, -1);
    else if (e.key === 'ArrowRight') to = next(col, row, 1, 0);
    else if (e.key === 'ArrowLeft') to = next(col, row, -1, 0);
    else if (e.key === 'Home') to = next(col, -1, 0, 1);
    else if (e.key === 'End') to = next(col, rows, 0, -1);
    else return;
    e.preventDefault();
    if (!to) return;
    setActive(to);
    e.currentTarget.querySelector<HTMLElement>(`[data-cell="${to.col}:${to.row}"]`)?.focus();
  }

  const offLabel = props.kind === 'practitioner' ? 'Not working' : 'No one working';
  const week = props.kind === 'day';

  return (
    // The grid scrolls inside its box, so the box can take focus (and be scrolled by keyboard) even with nothing to book.
    <div className="cal-scroll" role="region" aria-label="Calendar times" tabIndex={0}>
      <div
        className={`cal${week ? ' cal--week' : ''}`}
        style={{
          gridTemplateColumns: `4.75rem repeat(${props.columns.length}, minmax(${week ? '6.5rem' : '8.5rem'}, 1fr))`,
          gridTemplateRows: `auto repeat(${rows}, var(--cal-row))`,
        }}
        onKeyDown={onKeyDown}
      >
        <div className="cal__corner" style={{ gridRow: 1, gridColumn: 1 }} aria-hidden="true" />
        {props.columns.map((c, i) => (
          <div
            key={c.key}
            className={`cal__colhead${c.closed !== undefined ? ' is-closed' : ''}${c.date === today && week ? ' is-today' : ''}`}
            style={{ gridRow: 1, gridColumn: i + 2 }}
            aria-hidden="true"
          >
            {c.label}
            {c.closed !== undefined && <span className="cal__colhead-note">Closed</span>}
          </div>
        ))}
        {Array.from({ length: rows }, (_, r) => {
          const minutes = props.startMinutes + r * SLOT_MINUTES;
          if (minutes % 60 !== 0) return null;
          return (
            <div key={r} className="cal__time" style={{ gridRow: `${r + 2} / span ${Math.min(4, rows - r)}`, gridColumn: 1 }} aria-hidden="true">
              {clock.hourMinute(Math.floor(minutes / 60), 0)}
            </div>
          );
        })}
        {props.columns.map((c, i) => (
          <div
            key={c.key}
            role="group"
            aria-label={c.label}
            className="cal__col"
            style={{ gridRow: `2 / span ${rows}`, gridColumn: i + 2, gridTemplateRows: `repeat(${rows}, var(--cal-row))` }}
          >
            {Array.from({ length: rows }, (_, r) => {
              const minutes = props.startMinutes + r * SLOT_MINUTES;
              const cls = `cal__cell${minutes % 60 === 0 ? ' is-hour' : ''}`;
              if (!props.onEmptyCell || states[i][r] !== 'open')
                return <div key={r} className={cls} style={{ gridRow: r + 1 }} aria-hidden="true" />;
              const isActive = focused.col === i && focused.row === r;
              return (
                <button
                  key={r}
                  type="button"
                  className={cls}
                  style={{ gridRow: r + 1 }}
                  data-cell={`${i}:${r}`}
                  tabIndex={isActive ? 0 : -1}
                  aria-label={cellName(c, minutes)}
                  onFocus={() => !isActive && setActive({ col: i, row: r })}
                  onClick={() => props.onEmptyCell?.({ column: c, minutes })}
                />
              );
            })}
            {unavailableRuns(c, props.startMinutes, rows).map((run) => {
              const from = props.startMinutes + run.startRow * SLOT_MINUTES;
              const to = from + run.span * SLOT_MINUTES;
              const label = run.state === 'closed' ? (c.closed ? `Closed — ${c.closed}` : 'Closed') : offLabel;
              return (
                <div
                  key={`off-${run.startRow}`}
                  className={`cal__off cal__off--${run.state}`}
                  style={{ gridRow: `${run.startRow + 1} / span ${run.span}` }}
                >
                  <span className="cal__off-label">{label}</span>
                  <span className="sr-only">
                    {' '}
                    {clockAt(from)}–{clockAt(to)}
                  </span>
                </div>
              );
            })}
            {placed[i].busy.map((p) => {
              const b = p.item;
              const time = `${clock.time(b.startTime, props.timeZone)}–${clock.time(b.endTime, props.timeZone)}`;
              const who = b.practitionerName ? ` · ${b.practitionerName}` : '';
              const own = b.source === 'own-calendar';
              const label = own ? 'Busy in own calendar' : 'Busy';
              return (
                <div
                  key={`busy-${b.source ?? ''}-${b.practitionerId}-${b.startTime}-${b.endTime}`}
                  className={`cal__busy${own ? ' cal__busy--own' : ''}${p.span <= COMPACT_ROWS ? ' is-compact' : ''}`}
                  title={`${label} ${time}${who}`}
                  style={{
                    gridRow: `${p.startRow + 1} / span ${p.span}`,
                    width: `calc(${100 / p.lanes}% - 4px)`,
                    marginLeft: `calc(${(100 * p.lane) / p.lanes}% + 2px)`,
                  }}
                >
                  <span className="cal__busy-label">{label}</span> <span className="cal__appt-time">{time}</span>
                  {who && <span className="cal__appt-meta">{who}</span>}
                </div>
              );
            })}
            {placed[i].appointments.map((p) => {
              const a = p.item;
              const start = clock.time(a.startTime, props.timeZone);
              const time = `${start}–${clock.time(a.endTime, props.timeZone)}`;
              const practitioner = props.kind !== 'practitioner' && a.practitionerName ? a.practitionerName : '';
              const compact = p.span <= COMPACT_ROWS;
              // A form its service requires is missing: a marker with words (and a shape), never colour alone.
              const formsMissing = missingFormsOf(a).length > 0 ? FORMS_MISSING : '';
              const full = [
                p.lanes > 1 ? `${a.patientName} ${start}` : `${start} ${a.patientName}`,
                a.serviceName,
                time,
                practitioner,
                statusLabel(a.status),
                formsMissing,
              ]
                .filter(Boolean)
                .join(', ');
              const style = {
                gridRow: `${p.startRow + 1} / span ${p.span}`,
                width: `calc(${100 / p.lanes}% - 4px)`,
                marginLeft: `calc(${(100 * p.lane) / p.lanes}% + 2px)`,
              };
              if (compact) {
                // One line (two for 30 minutes): time and patient, then the service. The rest is read out and in the title.
                const withService = p.span === COMPACT_ROWS;
                const rest = [withService ? '' : a.serviceName, time, practitioner, statusLabel(a.status), formsMissing].filter(Boolean).join(', ');
                return (
                  <button
                    key={a.id}
                    type="button"
                    className={`cal__appt cal__appt--compact status-bg--${a.status}`}
                    style={style}
                    title={full}
                    onClick={() => props.onAppointment(a)}
                  >
                    <span className="cal__appt-line">
                      {formsMissing && <FormsMissingFlag />}
                      {p.lanes > 1 ? (
                        // A narrow lane: the patient first, so the name is what stays when the line is cut.
                        <>
                          <span className="cal__appt-patient">{a.patientName}</span> <span className="cal__appt-time">{start}</span>
                        </>
                      ) : (
                        <>
                          <span className="cal__appt-time">{start}</span> <span className="cal__appt-patient">{a.patientName}</span>
                        </>
                      )}
                      {withService && <span className="sr-only">,</span>}
                    </span>
                    {withService && (
                      <>
                        {' '}
                        <span className="cal__appt-line cal__appt-meta">{a.serviceName}</span>
                      </>
                    )}
                    <span className="sr-only">, {rest}</span>
                  </button>
                );
              }
              return (
                <button
                  key={a.id}
                  type="button"
                  className={`cal__appt status-bg--${a.status}`}
                  style={style}
                  title={full}
                  onClick={() => props.onAppointment(a)}
                >
                  <span className="cal__appt-time">{time}</span> <span className="cal__appt-service">{a.serviceName}</span>{' '}
                  <span className="cal__appt-patient">{a.patientName}</span>
                  {practitioner && (
                    <>
                      {' '}
                      <span className="cal__appt-meta">{practitioner}</span>
                    </>
                  )}{' '}
                  <span className="cal__appt-status">{statusLabel(a.status)}</span>
                  {formsMissing && (
                    <>
                      {' '}
                      <span className="cal__appt-forms">
                        <span aria-hidden="true">⚠ </span>
                        {FORMS_MISSING}
                      </span>
                    </>
                  )}
                </button>
              );
            })}
            {c.date === today && nowMinutes >= props.startMinutes && nowMinutes < props.endMinutes && (
              <div
                className="cal__now"
                style={{ top: `calc(var(--cal-row) * ${(nowMinutes - props.startMinutes) / SLOT_MINUTES})` }}
              >
                <span className="sr-only">Now, {clockAt(nowMinutes)}</span>
              </div>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
