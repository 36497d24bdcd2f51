import { useState } from 'react';
import type { Appointment } from '../api/booking';
import type { ApiClient } from '../api/client';
import { useClock } from '../booking/clock';
import { Modal } from '../ui/Modal';
import { QrCode } from '../ui/QrCode';

/** What the API adds to an appointment for the person it belongs to (see BookingJson on the server). */
export interface PatientAppointment extends Appointment {
  /** The reason recorded with the change into the current status, as written. */
  statusReason?: string | null;
  /** 'deposit-declined' or 'hold-expired' when the deposit saga released the booking; otherwise null. */
  statusReasonCode?: string | null;
  locationAddress?: { line1?: string; line2?: string | null; city?: string; region?: string; postalCode?: string; country?: string } | null;
  /** The address on one line, as a person (and a maps search) reads it. */
  locationAddressText?: string | null;
}

const REASONS: Record<string, string> = {
  'deposit-declined': 'the deposit payment was declined',
  'hold-expired': 'the hold expired before the deposit was paid',
};

/** "the deposit payment was declined" for a booking the deposit saga released; null when the patient or the clinic cancelled. */
export function statusReasonText(a: PatientAppointment): string | null {
  return (a.statusReasonCode && REASONS[a.statusReasonCode]) || null;
}

export function calendarFilePath(id: string): string {
  return `/api/booking/appointments/${encodeURIComponent(id)}/calendar.ics`;
}

/** A maps search for the location's address (the name helps the search find the right door); null without an address. */
export function directionsUrl(a: PatientAppointment): string | null {
  const address = a.locationAddressText?.trim();
  if (!address) return null;
  const query = a.locationName ? `${a.locationName}, ${address}` : address;
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(query)}`;
}

/** The check-in code can be used at the desk once the booking stands (not while a deposit or approval is awaited). */
export function hasUsableCheckInCode(a: PatientAppointment): boolean {
  return !!a.checkInCode && (a.status === 'scheduled' || a.status === 'confirmed');
}

function fileName(a: PatientAppointment): string {
  const name = a.serviceName.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase() || 'appointment';
  return `${name}-${a.startTime.slice(0, 10)}.ics`;
}

/**
 * "Add to calendar": a link to the appointment's .ics. The API wants the signed-in person's token, which a plain
 * link cannot send, so a click fetches the file with it and hands it to the browser as a download.
 */
export function AddToCalendarLink({ api, appointment, describedBy }: { api: ApiClient; appointment: PatientAppointment; describedBy?: string }) {
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const href = calendarFilePath(appointment.id);

  async function onClick(e: React.MouseEvent<HTMLAnchorElement>) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try {
      const { data } = await api.request<string>(href);
      const url = URL.createObjectURL(new Blob([typeof data === 'string' ? data : ''], { type: 'text/calendar;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName(appointment);
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <a className="btn btn--small" href={href} download={fileName(appointment)} onClick={(e) => void onClick(e)} aria-describedby={describedBy} aria-disabled={busy || undefined}>
        Add to calendar
      </a>
      {failed && (
        <p role="alert" className="appt-card__error">
          The calendar file could not be fetched. Please try again.
        </p>
      )}
    </>
  );
}

/** The check-in code large enough to scan at the desk, and as text to read out or type. */
export function CheckInCodeDialog({ appointment, timeZone, onClose }: { appointment: PatientAppointment; timeZone?: string; onClose: () => void }) {
  const clock = useClock();
  const code = appointment.checkInCode ?? '';
  return (
    <Modal title="Check-in code" onClose={onClose}>
      <p>
        <strong>{appointment.serviceName}</strong>, {clock.longDateTime(appointment.startTime, timeZone)}
        {appointment.locationName ? ` at ${appointment.locationName}` : ''}
      </p>
      <div className="check-in-code check-in-code--dialog">
        <p className="muted">Show this code at reception when you arrive.</p>
        <QrCode value={code} alt={`Check-in QR code ${code}`} size={240} />
        <p className="check-in-code__text">
          Code: <strong>{code}</strong>
        </p>
      </div>
    </Modal>
  );
}
