import { Route, Routes } from 'react-router-dom';
import { AppShell } from '../ui/AppShell';
import { NotFoundContent } from '../ui/NotAvailable';
import { BookingPage } from './booking/BookingPage';
import { MyAppointmentsPage } from './MyAppointments';

/** /patient: the welcome and the patient's appointments. */
export function PatientHome() {
  return <MyAppointmentsPage welcome />;
}

/** Everything under /patient (the caller has already checked the person is a patient). */
export default function PatientArea() {
  return (
    <AppShell homePath="/patient">
      <Routes>
        <Route index element={<PatientHome />} />
        <Route path="appointments" element={<MyAppointmentsPage />} />
        <Route path="book" element={<BookingPage />} />
        <Route path="*" element={<NotFoundContent />} />
      </Routes>
    </AppShell>
  );
}
