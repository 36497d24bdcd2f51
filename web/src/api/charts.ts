import type { ApiClient } from './client';
import { queryKeys } from './queries';
import { useApiQuery } from './useApiQuery';

/** Charting: types and calls for /api/charts (templates, a visit's chart, sign, lock, amend, share, a patient's charts). */

export type ChartTreatment = 'soap' | 'neurotoxin' | 'filler' | 'laser' | 'peel' | 'microneedling' | 'iv-therapy';
export type ChartDiagram = 'none' | 'face' | 'body';
export type ChartStatus = 'draft' | 'signed' | 'locked';
export type MapView = 'front' | 'left' | 'right' | 'body-front' | 'body-back';

export interface ChartField {
  id: string;
  label: string;
  type: 'text' | 'long-text' | 'choice' | 'number';
  options?: string[] | null;
  default?: string | null;
  quickPhrases?: string[] | null;
  smart?: 'allergies' | 'last-treatment' | 'consent-status' | null;
}

export interface ChartTemplate {
  etag?: string;
  id: string;
  name: string;
  treatment: ChartTreatment;
  diagram: ChartDiagram;
  fields: ChartField[];
  builtIn: boolean;
  lotRequired: boolean;
}

/** A template as an admin writes it (the server sets its id). */
export type ChartTemplateContent = Pick<ChartTemplate, 'name' | 'treatment' | 'diagram' | 'fields'>;

/** A point on the map, at (x, y) as fractions of the drawing's width and height. */
export interface InjectionPoint {
  id: string;
  view: MapView;
  x: number;
  y: number;
  product: string;
  units?: number | null;
  millilitres?: number | null;
  dilution?: string | null;
  depth?: string | null;
  technique?: string | null;
  device?: string | null;
  lot?: string | null;
  area?: string | null;
}

export interface TreatmentZone {
  id: string;
  view: MapView;
  outline: { x: number; y: number }[];
  area: string;
  treatment: string;
  settings?: string | null;
}

export interface FaceMap {
  points: InjectionPoint[];
  zones: TreatmentZone[];
}

export interface ChartSignature {
  staffId: string;
  name: string;
  credentials?: string | null;
  at: string;
}

export interface Chart {
  id: string;
  patientId: string;
  appointmentId: string;
  practitionerId: string;
  practitionerName: string;
  serviceName: string;
  visitStart: string;
  templateId: string;
  templateName: string;
  treatment: ChartTreatment;
  diagram: ChartDiagram;
  fields: Record<string, string>;
  map: FaceMap;
  productTotals: { product: string; lot?: string | null; units: number; millilitres: number }[];
  areaTotals: { area: string; units: number; millilitres: number }[];
  internalNotes?: string | null;
  afterCare?: string | null;
  status: ChartStatus;
  signature?: ChartSignature | null;
  lockedAt?: string | null;
  lockedBy?: string | null;
  amendments: { id: string; text: string; signature: ChartSignature }[];
  sharedAt?: string | null;
  /** Shared as its after-care only (not the products or areas); sharing it whole later widens it. */
  sharesAfterCareOnly?: boolean;
  createdAt: string;
  updatedAt: string;
  etag?: string;
}

/** What a patient sees of a chart shared with them. */
export interface SharedChart {
  id: string;
  visitStart: string;
  serviceName: string;
  practitionerName: string;
  treatment: ChartTreatment;
  products: { product: string; units: number; millilitres: number }[];
  areas: string[];
  afterCare?: string | null;
  sharedAt: string;
}

export interface ChartEdit {
  fields: Record<string, string>;
  map: FaceMap;
  internalNotes: string | null;
  afterCare: string | null;
}

/** The clinic's charting deadline: an unsigned chart locks this many hours after the visit; a reminder comes before. */
export interface ChartingSettings {
  autoLockHours: number;
  reminderHoursBeforeLock: number;
}

/** A draft waiting for its practitioner's signature, and when it locks unsigned (on the clinic's clock). */
export interface ChartToSign {
  id: string;
  patientId: string;
  serviceName: string;
  templateName: string;
  practitionerName: string;
  visitStart: string;
  locksAt: string;
}

/** A visit at which a product of a recalled lot was injected. */
export interface LotUse {
  chartId: string;
  patientId: string;
  patientName: string;
  visitStart: string;
  practitionerName: string;
  serviceName: string;
  product: string;
  lot: string;
  units: number;
  millilitres: number;
}

const enc = encodeURIComponent;

export const chartsApi = {
  templates: async (api: ApiClient, signal?: AbortSignal) => (await api.get<{ items: ChartTemplate[] }>('/api/charts/templates', { signal })).items,
  template: (api: ApiClient, id: string, signal?: AbortSignal) => api.requestWithEtag<ChartTemplate>(`/api/charts/templates/${enc(id)}`, { signal }),
  addTemplate: (api: ApiClient, body: ChartTemplateContent) => api.requestWithEtag<ChartTemplate>('/api/charts/templates', { method: 'POST', body }),
  updateTemplate: (api: ApiClient, template: ChartTemplate, body: ChartTemplateContent) =>
    api.requestWithEtag<ChartTemplate>(`/api/charts/templates/${enc(template.id)}`, { method: 'PUT', body, ifMatch: template.etag }),
  start: (api: ApiClient, body: { appointmentId: string; templateId: string; copyLastMap: boolean }) =>
    api.requestWithEtag<Chart>('/api/charts', { method: 'POST', body }),
  get: (api: ApiClient, id: string, signal?: AbortSignal) => api.requestWithEtag<Chart>(`/api/charts/${enc(id)}`, { signal }),
  save: (api: ApiClient, chart: Chart, body: ChartEdit) => api.requestWithEtag<Chart>(`/api/charts/${enc(chart.id)}`, { method: 'PUT', body, ifMatch: chart.etag }),
  sign: (api: ApiClient, id: string, credentials: string) => api.requestWithEtag<Chart>(`/api/charts/${enc(id)}/sign`, { method: 'POST', body: { credentials } }),
  amend: (api: ApiClient, id: string, text: string) => api.requestWithEtag<Chart>(`/api/charts/${enc(id)}/amend`, { method: 'POST', body: { text } }),
  share: (api: ApiClient, id: string, part: 'all' | 'after-care' = 'all') =>
    api.requestWithEtag<Chart>(`/api/charts/${enc(id)}/share`, { method: 'POST', query: { part } }),
  ofPatient: async (api: ApiClient, patientId: string, signal?: AbortSignal) =>
    (await api.get<{ items: Chart[] }>(`/api/charts/patient/${enc(patientId)}`, { signal })).items,
  byLot: async (api: ApiClient, lot: string, signal?: AbortSignal) => (await api.get<{ items: LotUse[] }>(`/api/charts/lots/${enc(lot)}`, { signal })).items,
  toSign: async (api: ApiClient, signal?: AbortSignal) => (await api.get<{ items: ChartToSign[] }>('/api/charts/to-sign', { signal })).items,
  sharedWithMe: async (api: ApiClient, patientId: string, signal?: AbortSignal) =>
    (await api.get<{ items: SharedChart[] }>(`/api/charts/patient/${enc(patientId)}`, { signal })).items,
};

/** The clinic's chart templates (built in and its own); they change rarely. */
export function useChartTemplates() {
  return useApiQuery(queryKeys.charts.templates, (api, signal) => chartsApi.templates(api, signal), { staleTime: 5 * 60_000 });
}

/** The caller's charts still to sign (an admin's: the clinic's), the first to lock first. */
export function useChartsToSign(enabled: boolean) {
  return useApiQuery(queryKeys.charts.toSign, (api, signal) => chartsApi.toSign(api, signal), { enabled });
}
