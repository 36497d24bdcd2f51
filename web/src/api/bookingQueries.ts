import { useQuery } from '@tanstack/react-query';
import { useApi } from '../auth/AuthContext';
import { bookingApi } from './booking';
import { queryKeys } from './queries';

/** The reads of online booking and the patient's appointments, as queries (keys in queries.ts). */

/** The clinic's booking policies: read by the clock, the review step and cancelling; an admin's save updates them. */
export function usePolicies(options: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.booking.policies,
    queryFn: ({ signal }) => bookingApi.policies(api, signal),
    staleTime: 60_000,
    enabled: options.enabled ?? true,
  });
}

export function useBookingLocations() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.booking.locations,
    queryFn: ({ signal }) => bookingApi.locations(api, signal),
  });
}

export function useBookingServices(locationId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.booking.services(locationId),
    queryFn: ({ signal }) => bookingApi.services(api, locationId, signal),
    enabled: !!locationId,
  });
}

export function useBookingPractitioners(serviceId: string, locationId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.booking.practitioners(serviceId, locationId),
    queryFn: ({ signal }) => bookingApi.practitioners(api, serviceId, locationId, signal),
    enabled: !!serviceId && !!locationId,
  });
}

/** One appointment as its patient (or the desk) reads it; `enabled: false` until there is an id. */
export function useAppointment(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.booking.appointment(id ?? ''),
    queryFn: ({ signal }) => bookingApi.appointment(api, id!, signal),
    enabled: !!id,
  });
}

export function useMyAppointments() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.booking.myAppointments,
    queryFn: ({ signal }) => bookingApi.myAppointments(api, signal),
  });
}
