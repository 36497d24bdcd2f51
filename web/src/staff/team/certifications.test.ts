import { describe, expect, it } from 'vitest';
import { certificationStatuses } from './certifications';

describe('certification statuses', () => {
  it('puts expired first, then expiring within 60 days, in words the desk reads', () => {
    const statuses = certificationStatuses(
      [
        { name: 'Laser safety', expiresOn: '2027-06-01' },
        { name: 'CPR', expiresOn: '2026-12-10' },
        { name: 'RN licence', expiresOn: '2026-11-29' },
      ],
      '2026-11-30',
    );
    expect(statuses.map((s) => [s.state, s.text])).toEqual([
      ['expired', 'RN licence: expired on 2026-11-29'],
      ['expiring', 'CPR: expires in 10 days'],
      ['valid', 'Laser safety: valid until 2027-06-01'],
    ]);
  });

  it('counts the expiry day itself as still valid', () => {
    expect(certificationStatuses([{ name: 'CPR', expiresOn: '2026-11-30' }], '2026-11-30')[0]!.text).toBe('CPR: expires today');
    expect(certificationStatuses(undefined, '2026-11-30')).toEqual([]);
  });
});
