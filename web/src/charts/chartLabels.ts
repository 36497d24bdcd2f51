import type { ChartStatus } from '../api/charts';

export const CHART_STATUS_LABELS: Record<ChartStatus, string> = { draft: 'Draft', signed: 'Signed', locked: 'Locked, unsigned' };

/** "4 units" or "0.5 ml": how much, as the practitioner measured it. */
export function amountLabel(units?: number | null, millilitres?: number | null): string {
  if (units) return `${units} ${units === 1 ? 'unit' : 'units'}`;
  if (millilitres) return `${millilitres} ml`;
  return '';
}
