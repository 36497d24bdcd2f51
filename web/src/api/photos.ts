import type { ApiClient } from './client';
import { queryKeys } from './queries';
import { useApiQuery } from './useApiQuery';

/**
 * Clinical photos: types and calls for /api/charts/{id}/photos, /api/patients/{id}/photos and /api/photos. The pages
 * read a patient's photos once and pick a chart's from them (the chart's own list serves other clients).
 */

export type PhotoAngle = 'front' | 'left-45' | 'right-45' | 'left-profile' | 'right-profile';
export type PhotoConsent = 'none' | 'record-only' | 'marketing';

export const PHOTO_ANGLES: PhotoAngle[] = ['front', 'left-45', 'right-45', 'left-profile', 'right-profile'];

export interface ClinicalPhoto {
  id: string;
  patientId: string;
  chartId: string;
  appointmentId: string;
  angle: PhotoAngle;
  /** The visit's start on the clinic's clock (with its offset). */
  visitStart: string;
  uploadedAt: string;
  takenBy: string;
  width: number;
  height: number;
  consent: PhotoConsent;
  /** A link to the image that expires (linksExpireAt), or the API's own route (then read with the sign-in). */
  url: string;
  thumbnailUrl: string;
  linksExpireAt: string;
}

const enc = encodeURIComponent;
const items = async (read: Promise<{ items: ClinicalPhoto[] }>) => (await read).items;

export const photosApi = {
  add: (api: ApiClient, chartId: string, angle: PhotoAngle, image: Blob) =>
    api.request<ClinicalPhoto>(`/api/charts/${enc(chartId)}/photos`, { method: 'POST', body: image, query: { angle } }).then((r) => r.data),
  remove: (api: ApiClient, photoId: string, reason: string) => api.request(`/api/photos/${enc(photoId)}/remove`, { method: 'POST', body: { reason } }),
  ofPatient: (api: ApiClient, patientId: string, signal?: AbortSignal) => items(api.get(`/api/patients/${enc(patientId)}/photos`, { signal })),
  /** An image the API serves itself (where storage mints no links): fetched with the sign-in, as an <img> could not. */
  image: (api: ApiClient, url: string, signal?: AbortSignal) => api.get<Blob>(url, { signal }),
};

// Links expire after ten minutes: lists are read again before that, so an open page never shows a dead link.
const LINK_REFRESH = 8 * 60_000;

export function usePatientPhotos(patientId: string, enabled = true) {
  return useApiQuery(queryKeys.photos.ofPatient(patientId), (api, signal) => photosApi.ofPatient(api, patientId, signal), {
    enabled: enabled && !!patientId,
    staleTime: LINK_REFRESH,
    refetchInterval: LINK_REFRESH,
  });
}
