import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PatientListItem, PatientRecord } from '../../api/patients';
import type { Role } from '../../api/types';
import { deskRecord } from '../../test/patients';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, type Handler, withStaffArea } from '../../test/utils';

withStaffArea('2026-11-24T14:00:00Z');

const emptyHistory = { upcoming: [], past: [], cancelled: [], noShows: 0, lateCancellations: 0 };

const maria = deskRecord({
  id: 'p2',
  firstName: 'Maria',
  lastName: 'Lopez',
  displayName: 'Maria Lopez',
  preferredName: null,
  pronouns: null,
  email: 'maria@example.com',
  phone: '+12125550123',
  alternatePhone: '+12125550199',
  tags: [],
  etag: '"d1"',
});

const listRow = (r: PatientRecord): PatientListItem => ({
  id: r.id,
  firstName: r.firstName,
  lastName: r.lastName,
  preferredName: r.preferredName,
  dateOfBirth: r.dateOfBirth,
  email: r.email,
  phone: r.phone,
  status: 'active',
  archived: false,
});

function renderCard(role: Role, read: () => PatientRecord, extra: Handler[] = []) {
  const fetch = mockFetch(
    ...extra,
    route('GET', '/api/patients/p1', () => json(read(), { headers: { ETag: read().etag } })),
    route('GET', '/api/patients/p1/appointments', () => json(emptyHistory)),
  );
  renderApp('/staff/patients/p1', fakeAuth({ me: meFor(role), fetch }));
  return fetch;
}

describe('merging a duplicate into the card’s record', () => {
  it('finds the duplicate, sends the fields chosen, shows the outcome and undoes it', async () => {
    const user = userEvent.setup();
    let current = deskRecord();
    const merged = deskRecord({
      email: 'maria@example.com',
      alternatePhone: '+12125550199',
      etag: '"v2"',
      mergedFrom: [{ patientId: 'p2', name: 'Maria Lopez', mergeId: 'merge-1', at: '2026-11-24T14:00:00Z' }],
    });
    const fetch = renderCard('frontdesk', () => current, [
      route('GET', '/api/patients', () => json({ items: [listRow(current), listRow(maria)], continuationToken: null })),
      route('GET', '/api/patients/p2', () => json(maria, { headers: { ETag: maria.etag } })),
      route('POST', '/api/patients/p1/merge', () => {
        current = merged;
        return json({ patient: merged, mergeId: 'merge-1', undoUntil: '2026-12-24T14:00:00Z', moved: 4 }, { headers: { ETag: '"v2"' } });
      }),
      route('POST', '/api/patients/p1/unmerge', () => {
        current = deskRecord({ etag: '"v3"' });
        return json(current, { headers: { ETag: '"v3"' } });
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Merge a duplicate…' }));
    const dialog = screen.getByRole('dialog', { name: 'Merge a duplicate' });
    expect(within(dialog).getByRole('heading', { level: 3, name: 'Step 1 of 3: find the duplicate' })).toBeInTheDocument();
    const search = within(dialog).getByRole('searchbox', { name: 'Find the duplicate record' });
    expect(search).toHaveFocus();
    await user.type(search, 'smith');
    const choose = await within(dialog).findByRole('button', { name: 'Choose Maria Lopez' });
    // The record on screen is never offered as its own duplicate.
    expect(within(dialog).queryByRole('button', { name: 'Choose Jonathan Smith' })).not.toBeInTheDocument();
    expect(fetch.requests.find((r) => r.url.pathname === '/api/patients')!.url.searchParams.get('q')).toBe('smith');
    await user.click(choose);

    const step2 = await within(dialog).findByRole('heading', { name: 'Step 2 of 3: choose what to keep' });
    await waitFor(() => expect(step2).toHaveFocus());
    const table = within(dialog).getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Field',
      'This record (Jon Smith)',
      'Duplicate (Maria Lopez)',
    ]);
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual([
      'First name',
      'Last name',
      'Preferred name',
      'Pronouns',
      'Date of birth',
      'Email',
      'Phone',
      'Alternate phone',
      'Address',
      'Status',
      'Communication preferences',
    ]);
    // This record's value by default; the duplicate's where this record has none.
    expect(within(table).getByRole('radio', { name: 'Phone, this record: +1 (212) 555-0147' })).toBeChecked();
    expect(within(table).getByRole('radio', { name: 'Phone, duplicate: +1 (212) 555-0123' })).not.toBeChecked();
    expect(within(table).getByRole('radio', { name: 'Alternate phone, this record: None' })).not.toBeChecked();
    expect(within(table).getByRole('radio', { name: 'Alternate phone, duplicate: +1 (212) 555-0199' })).toBeChecked();
    expect(within(table).getByRole('radio', { name: 'Preferred name, this record: Jon' })).toBeChecked();
    expect(within(dialog).getByRole('note')).toHaveTextContent(/allergies, medical alerts, medications, tags and family members/);
    expect(within(dialog).getByRole('note')).toHaveTextContent(/appointments, forms and consents, communications and waitlist entries/);

    await user.click(within(table).getByRole('radio', { name: 'Email, duplicate: maria@example.com' }));
    await user.click(within(table).getByRole('radio', { name: 'First name, duplicate: Maria' }));
    await user.click(within(table).getByRole('radio', { name: 'First name, this record: Jonathan' }));
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));

    expect(await within(dialog).findByRole('heading', { name: 'Step 3 of 3: confirm' })).toBeInTheDocument();
    expect(within(dialog).getByText(/Taken from the duplicate: Email, Alternate phone\./)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Merge Maria Lopez (duplicate) into this record' }));

    expect(await within(dialog).findByText('Merged. 4 items moved.')).toBeInTheDocument();
    const post = fetch.requests.find((r) => r.method === 'POST' && r.url.pathname === '/api/patients/p1/merge')!;
    expect(post.body).toEqual({
      duplicateId: 'p2',
      fields: {
        firstName: 'survivor',
        lastName: 'survivor',
        preferredName: 'survivor',
        pronouns: 'survivor',
        dateOfBirth: 'survivor',
        email: 'duplicate',
        phone: 'survivor',
        alternatePhone: 'duplicate',
        address: 'survivor',
        status: 'survivor',
        communicationPreferences: 'survivor',
      },
    });
    expect(within(dialog).getByText('You can undo the merge until 24 Dec 2026.')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Undo merge' }));
    expect(await within(dialog).findByText(/Merge undone\. Maria Lopez is a separate record again/)).toBeInTheDocument();
    const undo = fetch.requests.find((r) => r.method === 'POST' && r.url.pathname === '/api/patients/p1/unmerge')!;
    expect(undo.body).toEqual({ mergeId: 'merge-1' });
    expect(within(dialog).queryByRole('button', { name: 'Undo merge' })).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Merge a duplicate…' })).toHaveFocus();
    expect(screen.queryByText(/Merged from/)).not.toBeInTheDocument();
  });

  it('shows the merge on the card and, when the undo is refused, the API’s reason', async () => {
    const user = userEvent.setup();
    const record = deskRecord({
      mergedFrom: [
        { patientId: 'p0', name: 'Old Copy', mergeId: 'merge-0', at: '2026-09-01T10:00:00Z' },
        { patientId: 'p2', name: 'Maria Lopez', mergeId: 'merge-1', at: '2026-11-20T10:00:00Z' },
      ],
    });
    const fetch = renderCard('admin', () => record, [
      route('POST', '/api/patients/p1/unmerge', () =>
        problem(409, {
          title: 'That conflicts with existing data',
          detail: 'The record was edited after the merge, so undoing it would lose that change. Make the correction by hand instead.',
        }),
      ),
    ]);

    const notes = await screen.findAllByRole('note');
    const old = notes.find((n) => n.textContent?.includes('Old Copy'))!;
    expect(old).toHaveTextContent('Merged from Old Copy on 1 Sept 2026.'.replace('Sept', new Date('2026-09-01T10:00:00Z').toLocaleDateString('en-GB', { month: 'short' })));
    // Older than 30 days: no longer undoable.
    expect(within(old).queryByRole('button')).not.toBeInTheDocument();
    const recent = notes.find((n) => n.textContent?.includes('Maria Lopez'))!;
    expect(recent).toHaveTextContent('Merged from Maria Lopez on 20 Nov 2026.');

    await user.click(within(recent).getByRole('button', { name: 'Undo the merge of Maria Lopez' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This merge cannot be undone');
    expect(alert).toHaveTextContent('The record was edited after the merge, so undoing it would lose that change.');
    expect(fetch.requests.find((r) => r.url.pathname === '/api/patients/p1/unmerge')!.body).toEqual({ mergeId: 'merge-1' });
  });

  it('is not offered to practitioners', async () => {
    renderCard('practitioner', () => deskRecord());
    expect(await screen.findByRole('heading', { level: 1, name: /Jon Smith/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Merge a duplicate…' })).not.toBeInTheDocument();
  });
});
