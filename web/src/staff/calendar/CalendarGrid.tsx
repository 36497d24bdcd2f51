import { useMemo, useState, type KeyboardEvent } from 'react';
import { statusLabel, type Appointment } from '../../api/booking';
import { dayLabel, formatClock, formatTime, localDate, minutesOfDay } from '../../booking/time';

export const SLOT_MINUTES = 15;

export interface CalendarColumn {
  key: string;
  label: string;
  /** The local date of the column's cells. */
  date: string;
  practitionerId?: string;
  roomId?: string;
  appointments: Appointment[];
}

export interface EmptyCell {
  column: CalendarColumn;
  minutes: number;
}

interface Placed {
  appointment: Appointment;
  startRow: number;
  span: number;
  lane: number;
  lanes: number;
}

/** Places a column's appointments on 15-minute rows, side by side when they overlap. */
export function placeAppointments(appointments: Appointment[], timeZone: string, startMinutes: number, rows: number): Placed[] {
  const items = appointments
    .map((appointment) => {
      const start = minutesOfDay(appointment.startTime, timeZone);
      const sameDay = localDate(appointment.endTime, timeZone) === localDate(appointment.startTime, timeZone);
      const end = sameDay ? minutesOfDay(appointment.endTime, timeZone) : 24 * 60;
      const startRow = Math.max(0, Math.floor((start - startMinutes) / SLOT_MINUTES));
      const endRow = Math.min(rows, Math.max(startRow + 1, Math.ceil((end - startMinutes) / SLOT_MINUTES)));
      return { appointment, startRow, span: endRow - startRow, lane: 0, lanes: 1 };
    })
    .sort((a, b) => a.startRow - b.startRow || b.span - a.span);

  // Greedy lanes within clusters of overlapping appointments.
  let cluster: Placed[] = [];
  let clusterEnd = -1;
  const laneEnds: number[] = [];
  const finish = () => {
    const lanes = Math.max(1, ...cluster.map((c) => c.lane + 1));
    for (const c of cluster) c.lanes = lanes;
    cluster = [];
    laneEnds.length = 0;
  };
  for (const item of items) {
    if (item.startRow >= clusterEnd && cluster.length) finish();
    let lane = laneEnds.findIndex((end) => end <= item.startRow);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = item.startRow + item.span;
    item.lane = lane;
    cluster.push(item);
    clusterEnd = Math.max(clusterEnd, item.startRow + item.span);
  }
  if (cluster.length) finish();
  return items;
}

/**
 * The calendar grid: one column per practitioner, room or day; one row per 15 minutes.
 * Empty cells are buttons (one tab stop, arrow keys move between them); appointments are buttons too.
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
  const rows = Math.max(1, Math.ceil((props.endMinutes - props.startMinutes) / SLOT_MINUTES));
  const [active, setActive] = useState<{ col: number; row: number }>({ col: 0, row: 0 });
  const placed = useMemo(
    () => props.columns.map((c) => placeAppointments(c.appointments, props.timeZone, props.startMinutes, rows)),
    [props.columns, props.timeZone, props.startMinutes, rows],
  );

  function cellName(column: CalendarColumn, minutes: number) {
    const time = formatClock(Math.floor(minutes / 60), minutes % 60);
    if (props.kind === 'day') return `Book ${dayLabel(column.date)} at ${time}`;
    if (props.kind === 'room') return `Book ${time} in ${column.label}`;
    return `Book ${time} with ${column.label}`;
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const target = e.target as HTMLElement;
    if (!target.dataset.cell) return;
    let { col, row } = active;
    if (e.key === 'ArrowDown') row = Math.min(rows - 1, row + 1);
    else if (e.key === 'ArrowUp') row = Math.max(0, row - 1);
    else if (e.key === 'ArrowRight') col = Math.min(props.columns.length - 1, col + 1);
    else if (e.key === 'ArrowLeft') col = Math.max(0, col - 1);
    else if (e.key === 'Home') row = 0;
    else if (e.key === 'End') row = rows - 1;
    else return;
    e.preventDefault();
    setActive({ col, row });
    const next = e.currentTarget.querySelector<HTMLElement>(`[data-cell="${col}:${row}"]`);
    next?.focus();
  }

  const activeCol = Math.min(active.col, props.columns.length - 1);

  return (
    <div className="cal-scroll">
      <div
        className="cal"
        style={{
          gridTemplateColumns: `4.75rem repeat(${props.columns.length}, minmax(8.5rem, 1fr))`,
          gridTemplateRows: `auto repeat(${rows}, var(--cal-row))`,
        }}
        onKeyDown={onKeyDown}
      >
        <div className="cal__corner" style={{ gridRow: 1, gridColumn: 1 }} aria-hidden="true" />
        {props.columns.map((c, i) => (
          <div key={c.key} className="cal__colhead" style={{ gridRow: 1, gridColumn: i + 2 }} aria-hidden="true">
            {c.label}
          </div>
        ))}
        {Array.from({ length: rows }, (_, r) => {
          const minutes = props.startMinutes + r * SLOT_MINUTES;
          if (minutes % 60 !== 0) return null;
          return (
            <div key={r} className="cal__time" style={{ gridRow: `${r + 2} / span ${Math.min(4, rows - r)}`, gridColumn: 1 }} aria-hidden="true">
              {formatClock(Math.floor(minutes / 60), 0)}
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
              if (!props.onEmptyCell) return <div key={r} className={cls} style={{ gridRow: r + 1 }} aria-hidden="true" />;
              const isActive = activeCol === i && active.row === r;
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
            {placed[i].map((p) => {
              const a = p.appointment;
              return (
                <button
                  key={a.id}
                  type="button"
                  className={`cal__appt status-bg--${a.status}`}
                  style={{
                    gridRow: `${p.startRow + 1} / span ${p.span}`,
                    width: `calc(${100 / p.lanes}% - 4px)`,
                    marginLeft: `calc(${(100 * p.lane) / p.lanes}% + 2px)`,
                  }}
                  onClick={() => props.onAppointment(a)}
                >
                  <span className="cal__appt-time">
                    {formatTime(a.startTime, props.timeZone)}–{formatTime(a.endTime, props.timeZone)}
                  </span>{' '}
                  <span className="cal__appt-service">{a.serviceName}</span>{' '}
                  <span className="cal__appt-patient">{a.patientName}</span>
                  {props.kind !== 'practitioner' && a.practitionerName && (
                    <>
                      {' '}
                      <span className="cal__appt-meta">{a.practitionerName}</span>
                    </>
                  )}{' '}
                  <span className="cal__appt-status">{statusLabel(a.status)}</span>
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
