import type { ChartStatus, ChartTreatment } from '../api/charts';

export const CHART_STATUS_LABELS: Record<ChartStatus, string> = { draft: 'Draft', signed: 'Signed', locked: 'Locked, unsigned' };

export const TREATMENT_LABELS: Record<ChartTreatment, string> = {
  soap: 'SOAP note',
  neurotoxin: 'Neurotoxin',
  filler: 'Dermal filler',
  laser: 'Laser',
  peel: 'Chemical peel',
  microneedling: 'Microneedling',
  'iv-therapy': 'IV therapy',
};

/** "4 units" or "0.5 ml": how much, as the practitioner measured it. */
export function amountLabel(units?: number | null, millilitres?: number | null): string {
  if (units) return `${units} ${units === 1 ? 'unit' : 'units'}`;
  if (millilitres) return `${millilitres} ml`;
  return '';
}
