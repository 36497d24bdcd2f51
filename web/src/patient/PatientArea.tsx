import { Link, Route, Routes } from 'react-router-dom';
import { AppShell } from '../ui/AppShell';
import { NotFoundContent } from '../ui/NotAvailable';
import { AccessLogPage } from './AccessLogPage';
import { BookingPage } from './booking/BookingPage';
import { MyAppointmentsPage } from './MyAppointments';

/** /patient: the welcome, the patient's appointments and a way to see who viewed their record. */
export function PatientHome() {
  return (
    <>
      <MyAppointmentsPage welcome />
      <section aria-labelledby="your-record-h" className="panel">
        <h2 id="your-record-h">Your record</h2>
        <p>
          <Link to="/patient/access-log">Who viewed my record</Link>
        </p>
      </section>
    </>
  );
}

/** Everything under /patient (the caller has already checked the person is a patient). */
export default function PatientArea() {
  return (
    <AppShell homePath="/patient">
      <Routes>
        <Route index element={<PatientHome />} />
        <Route path="appointments" element={<MyAppointmentsPage />} />
        <Route path="book" element={<BookingPage />} />
        <Route path="access-log" element={<AccessLogPage />} />
        <Route path="*" element={<NotFoundContent />} />
      </Routes>
    </AppShell>
  );
}
