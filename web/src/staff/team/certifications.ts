import type { Certification } from '../../api/types';

/** How far ahead a certification counts as expiring: long enough to book a renewal course (as the daily summary). */
export const RENEWAL_WINDOW_DAYS = 60;

export type CertificationState = 'expired' | 'expiring' | 'valid';

export interface CertificationStatus {
  name: string;
  state: CertificationState;
  /** "RN licence: expired on 2026-01-31", "RN licence: expires in 12 days", "RN licence: valid until 2027-05-01" */
  text: string;
}

/** Days from `today` to `date`, both yyyy-MM-dd (calendar days, no time zone involved). */
function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * A practitioner's certifications as the desk needs to see them: expired first, then expiring soon. The API refuses to
 * book a practitioner for a service whose required certification has expired; this is the warning before that happens.
 */
export function certificationStatuses(certifications: readonly Certification[] | undefined, today: string): CertificationStatus[] {
  const order: Record<CertificationState, number> = { expired: 0, expiring: 1, valid: 2 };
  return (certifications ?? [])
    .map((c): CertificationStatus => {
      const days = daysUntil(c.expiresOn, today);
      if (Number.isNaN(days)) return { name: c.name, state: 'expired', text: `${c.name}: no valid expiry date` };
      if (days < 0) return { name: c.name, state: 'expired', text: `${c.name}: expired on ${c.expiresOn}` };
      if (days <= RENEWAL_WINDOW_DAYS) {
        const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
        return { name: c.name, state: 'expiring', text: `${c.name}: expires ${when}` };
      }
      return { name: c.name, state: 'valid', text: `${c.name}: valid until ${c.expiresOn}` };
    })
    .sort((a, b) => order[a.state] - order[b.state]);
}
