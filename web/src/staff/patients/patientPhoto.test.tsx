import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PatientRecord } from '../../api/patients';
import { fullRecord as patientRecord } from '../../test/patients';
import { fakeAuth, json, mockFetch, problem, renderApp, route } from '../../test/utils';
import { PatientPhotoControl } from './PatientPhoto';

/** The card keeps the record the control hands back, as PatientCardPage does. */
function Card({ start }: { start: PatientRecord }) {
  const [patient, setPatient] = useState(start);
  return <PatientPhotoControl patient={patient} onSaved={setPatient} />;
}

describe('PatientPhotoControl', () => {
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:photo-1');
    URL.revokeObjectURL = vi.fn();
  });

  it('uploads the chosen image as it is, then shows it from the API with the patient’s name', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      route('PUT', '/api/patients/p1/photo', () => json(patientRecord({ id: 'p1', photoId: 'photo-1' }))),
      route('GET', '/api/patients/p1/photo', () => new Response(new Uint8Array([0x89, 0x50]), { headers: { 'Content-Type': 'image/png' } })),
    );
    renderApp('/', fakeAuth({ fetch }), <Card start={patientRecord({ id: 'p1', displayName: 'Maria Lopez', photoId: null })} />);

    const image = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'me.png', { type: 'image/png' });
    await user.upload(screen.getByLabelText('Add a photo'), image);

    expect(await screen.findByText('Photo saved.')).toBeInTheDocument();
    const put = fetch.requests.find((r) => r.method === 'PUT');
    expect(put?.headers.get('content-type')).toBe('image/png');
    expect(await screen.findByRole('img', { name: /^Photo of / })).toHaveAttribute('src', 'blob:photo-1');
    expect(screen.getByLabelText('Change photo')).toBeInTheDocument();
  });

  it('shows the API’s refusal of a file that is not an image', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(route('PUT', '/api/patients/p1/photo', () => problem(400, { title: 'Please check the details', errors: { photo: ['A PNG, JPEG or WebP image.'] } })));
    renderApp('/', fakeAuth({ fetch }), <PatientPhotoControl patient={patientRecord({ id: 'p1', photoId: null })} onSaved={vi.fn()} />);

    await user.upload(screen.getByLabelText('Add a photo'), new File(['<svg/>'], 'x.png', { type: 'image/png' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/A PNG, JPEG or WebP image\./);
  });
});
