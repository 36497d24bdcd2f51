import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClinicalPhoto } from '../api/photos';
import { draftChart, neurotoxinTemplate } from '../test/charts';
import { clinicalPhoto } from '../test/photos';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route } from '../test/utils';

vi.mock('../charts/FaceMapCanvas', () => ({ FaceMapCanvas: () => <p>map</p> }));
// libheif does not run in jsdom: the converter stands in, turning any HEIC into a JPEG of three bytes.
vi.mock('heic-to/csp', () => ({ heicTo: vi.fn(async () => new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' })) }));

beforeAll(async () => {
  await import('../staff/StaffRoutes');
});

beforeEach(() => {
  URL.createObjectURL = vi.fn(() => 'blob:photo');
  URL.revokeObjectURL = vi.fn();
});

const earlier = clinicalPhoto({ id: 'photo-0', chartId: 'chart-0', visitStart: '2026-09-01T10:00:00-04:00' });

function serve(photos: () => ClinicalPhoto[], extra: Parameters<typeof mockFetch> = []) {
  return mockFetch(
    ...extra,
    route('GET', '/api/charts/chart-1', () => json(draftChart(), { headers: { ETag: '"c1"' } })),
    route('GET', '/api/charts/templates', () => json({ items: [neurotoxinTemplate] })),
    route('GET', '/api/patients/p1/photos', () => json({ items: photos() })),
  );
}

describe('photos on a chart', () => {
  it('takes a photo at the chosen angle, shows it with the visit’s photos and compares it with an earlier visit', async () => {
    const user = userEvent.setup();
    let photos = [earlier];
    const fetch = serve(() => photos, [
      route('POST', '/api/charts/chart-1/photos', (req) => {
        const added = clinicalPhoto({ id: 'photo-1', angle: req.url.searchParams.get('angle') as ClinicalPhoto['angle'] });
        photos = [added, ...photos];
        return json(added, { status: 201 });
      }),
    ]);
    renderApp('/staff/charts/chart-1', fakeAuth({ me: meFor('practitioner'), fetch }));

    expect(await screen.findByText('No photos of this visit yet.')).toBeInTheDocument();
    expect(screen.getByText('Release signed: no marketing')).toBeInTheDocument();
    expect(screen.getByText('A comparison needs two photos of the same angle.')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Angle of the photo' }), 'front');
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'IMG_0001.jpg', { type: 'image/jpeg' });
    await user.upload(screen.getByLabelText('Take or choose a photo'), file);

    expect(await screen.findByText('Front photo added.')).toBeInTheDocument();
    const post = fetch.requests.find((r) => r.method === 'POST')!;
    expect(post.url.searchParams.get('angle')).toBe('front');
    expect(post.headers.get('Content-Type')).toBe('image/jpeg');
    const grid = await screen.findByRole('list', { name: 'Photos of this visit' });
    expect(within(grid).getByRole('img', { name: 'Front photo' })).toHaveAttribute('src', 'https://store.example/files/photo-1-thumbnail.jpg?sig=x');
    expect(screen.getByRole('img', { name: /^Before: Front, Tue 1 Sep 2026/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^After: Front, Tue 1 Dec 2026, 10:00 AM/ })).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Slider' }));
    const divider = screen.getByRole('slider', { name: 'Divider between before and after' });
    expect(divider).toHaveValue('50');
    expect(screen.getByText(/Before · Tue 1 Sep 2026, 10:00 AM \(left\) — After · Tue 1 Dec 2026, 10:00 AM \(right\)/)).toBeInTheDocument();
  });

  it('says why a file was refused and keeps the visit’s photos as they were', async () => {
    const user = userEvent.setup();
    const fetch = serve(() => [earlier], [
      route('POST', '/api/charts/chart-1/photos', () =>
        problem(400, { title: 'Please check the details', errors: { photo: ['Send a JPEG or PNG photo: this file is not one, whatever its name says.'] } })),
    ]);
    renderApp('/staff/charts/chart-1', fakeAuth({ me: meFor('practitioner'), fetch }));

    await screen.findByText('No photos of this visit yet.');
    await user.upload(screen.getByLabelText('Take or choose a photo'), new File(['%PDF-1.7'], 'scan.jpg', { type: 'image/jpeg' }));

    expect(await screen.findByText(/this file is not one, whatever its name says/)).toBeInTheDocument();
    expect(screen.getByText('No photos of this visit yet.')).toBeInTheDocument();
  });

  it('fetches an image the API serves itself with the sign-in', async () => {
    const fetch = serve(() => [clinicalPhoto({ id: 'photo-1', url: '/api/photos/photo-1/image', thumbnailUrl: '/api/photos/photo-1/image?size=thumbnail' })], [
      route('GET', '/api/photos/photo-1/image', () => new Response(new Uint8Array([0xff, 0xd8]), { headers: { 'Content-Type': 'image/jpeg' } })),
    ]);
    renderApp('/staff/charts/chart-1', fakeAuth({ me: meFor('practitioner'), fetch }));

    expect(await screen.findByRole('img', { name: 'Front photo' })).toHaveAttribute('src', 'blob:photo');
    const read = fetch.requests.find((r) => r.url.pathname === '/api/photos/photo-1/image')!;
    expect(read.url.searchParams.get('size')).toBe('thumbnail');
    expect(read.headers.get('Authorization')).toMatch(/^Bearer /);
  });

  it('removes a photo taken by mistake with the reason given, after asking', async () => {
    const user = userEvent.setup();
    let photos = [clinicalPhoto({ id: 'photo-1' }), earlier];
    const fetch = serve(() => photos, [
      route('POST', '/api/photos/photo-1/remove', (req) => {
        photos = [earlier];
        return json({ id: 'photo-1', chartId: 'chart-1', removed: { reason: (req.body as { reason: string }).reason } });
      }),
    ]);
    renderApp('/staff/charts/chart-1', fakeAuth({ me: meFor('practitioner'), fetch }));

    await user.click(await screen.findByRole('button', { name: 'Remove the front photo' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove this photo?' });
    await user.type(within(dialog).getByRole('textbox', { name: /Why/ }), 'Wrong patient');
    await user.click(within(dialog).getByRole('button', { name: 'Remove photo' }));

    expect(await screen.findByText('Front photo removed.')).toBeInTheDocument();
    expect((fetch.requests.find((r) => r.method === 'POST')!.body as { reason: string }).reason).toBe('Wrong patient');
    expect(await screen.findByText('No photos of this visit yet.')).toBeInTheDocument();
  });

  it('turns an iPhone’s HEIC photo (told by its bytes) into a JPEG before sending it', async () => {
    const user = userEvent.setup();
    const fetch = serve(() => [earlier], [route('POST', '/api/charts/chart-1/photos', () => json(clinicalPhoto({ id: 'photo-9' }), { status: 201 }))]);
    renderApp('/staff/charts/chart-1', fakeAuth({ me: meFor('practitioner'), fetch }));

    const heic = new File([new Uint8Array([0, 0, 0, 28, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0])], 'IMG_4032.HEIC', { type: '' });
    await user.upload(await screen.findByLabelText('Take or choose a photo'), heic);

    expect(await screen.findByText('Front photo added.')).toBeInTheDocument();
    const post = fetch.requests.find((r) => r.method === 'POST')!;
    expect(post.headers.get('Content-Type')).toBe('image/jpeg');
  });
});
