import { bookingApi } from './booking';
import { queryKeys } from './queries';
import { useApiQuery } from './useApiQuery';

/** The reads of online booking and the patient's appointments, as queries (keys in queries.ts). */

/** The clinic's booking policies: read by the clock, the review step and cancelling; an admin's save updates them. */
export function usePolicies(options: { enabled?: boolean } = {}) {
  return useApiQuery(queryKeys.booking.policies, bookingApi.policies, { staleTime: 60_000, enabled: options.enabled ?? true });
}

export function useBookingLocations() {
  return useApiQuery(queryKeys.booking.locations, bookingApi.locations);
}

export function useBookingServices(locationId: string) {
  return useApiQuery(queryKeys.booking.services(locationId), (api, signal) => bookingApi.services(api, locationId, signal), { enabled: !!locationId });
}

export function useBookingPractitioners(serviceId: string, locationId: string) {
  return useApiQuery(
    queryKeys.booking.practitioners(serviceId, locationId),
    (api, signal) => bookingApi.practitioners(api, serviceId, locationId, signal),
    { enabled: !!serviceId && !!locationId },
  );
}

/** One appointment as its patient (or the desk) reads it; `enabled: false` until there is an id. */
export function useAppointment(id: string | null) {
  return useApiQuery(queryKeys.booking.appointment(id ?? ''), (api, signal) => bookingApi.appointment(api, id!, signal), { enabled: !!id });
}

export function useMyAppointments() {
  return useApiQuery(queryKeys.booking.myAppointments, bookingApi.myAppointments);
}
