import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Chart } from '../api/charts';
import { draftChart, neurotoxinTemplate } from '../test/charts';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route } from '../test/utils';

// jsdom draws no canvas: the map is stood in for by a button that places a point where a finger would (the glabella).
vi.mock('./FaceMapCanvas', () => ({
  FaceMapCanvas: (props: { onPlace?: (x: number, y: number) => void; readOnly: boolean; points: unknown[] }) => (
    <div>
      <p>{props.points.length} points drawn</p>
      {!props.readOnly && (
        <button type="button" onClick={() => props.onPlace?.(0.5, 0.32)}>
          Tap the glabella
        </button>
      )}
    </div>
  ),
}));

beforeAll(async () => {
  await import('../staff/StaffRoutes');
});

const withEtag = (chart: Chart, etag: string) => json(chart, { headers: { ETag: etag } });

function serve(chart: () => Chart, extra: Parameters<typeof mockFetch> = []) {
  return mockFetch(
    ...extra,
    route('GET', '/api/charts/chart-1', () => withEtag(chart(), chart().etag ?? '"c1"')),
    route('GET', '/api/charts/templates', () => json({ items: [neurotoxinTemplate] })),
    route('GET', '/api/patients/p1/photos', () => json({ items: [] })),
  );
}

describe('charting a visit', () => {
  it('places points on the face with the product and lot in hand, undoes and redoes them, and saves with the version read', async () => {
    const user = userEvent.setup();
    let current = draftChart();
    const fetch = serve(() => current, [
      route('PUT', '/api/charts/chart-1', (req) => {
        const body = req.body as { map: Chart['map']; fields: Record<string, string> };
        current = draftChart({ map: body.map, fields: body.fields, etag: '"c2"' });
        return withEtag(current, '"c2"');
      }),
    ]);
    renderApp('/staff/charts/chart-1', fakeAuth({ me: meFor('practitioner'), fetch }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Neurotoxin · Xeomin' })).toBeInTheDocument();
    // The visit is read on the clinic's clock (the offset it comes with), whatever the reader's own zone.
    expect(screen.getByText(/Tue 1 Dec 2026, 10:00 AM/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Allergies' })).toHaveValue('Lidocaine');
    await user.clear(screen.getByRole('textbox', { name: 'Lot' }));
    await user.type(screen.getByRole('textbox', { name: 'Lot' }), 'C3301');
    await user.click(await screen.findByRole('button', { name: 'Tap the glabella' }));
    await user.click(screen.getByRole('button', { name: 'Tap the glabella' }));
    const table = screen.getByRole('table', { name: 'Injection points' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('Glabella');
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('4 units');
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('C3301');
    expect(screen.getByRole('list', { name: 'Totals per product and lot' })).toHaveTextContent('Xeomin (lot C3301): 8 units');

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Glabellar lines' }));
    expect(screen.getByRole('button', { name: 'Sign and lock' })).toBeDisabled();
    // The chosen point (the last placed) takes how it was injected.
    await user.type(screen.getByRole('textbox', { name: 'Technique' }), 'Bolus');
    await user.type(screen.getByRole('textbox', { name: 'Dilution' }), '2.5 ml per 100 units');
    await user.type(screen.getByRole('textbox', { name: 'Needle or cannula' }), '32G needle');

    await user.click(screen.getByRole('button', { name: 'Save chart' }));
    expect(await screen.findByText('Chart saved.')).toBeInTheDocument();
    const put = fetch.requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"c1"');
    const sent = put.body as { map: Chart['map']; fields: Record<string, string> };
    expect(sent.map.points.map((p) => [p.product, p.units, p.lot, p.area])).toEqual([['Xeomin', 4, 'C3301', 'Glabella'], ['Xeomin', 4, 'C3301', 'Glabella']]);
    expect(sent.fields.concerns).toBe('Glabellar lines');
    expect(sent.map.points[1]).toMatchObject({ technique: 'Bolus', dilution: '2.5 ml per 100 units', device: '32G needle' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign and lock' })).toBeEnabled());
  });

  it('shows what the API refused next to the point it is about, and keeps the drawing', async () => {
    const user = userEvent.setup();
    const fetch = serve(() => draftChart(), [
      route('PUT', '/api/charts/chart-1', () =>
        problem(400, { title: 'Please check the details', errors: { 'map.points[0].lot': ['Give the lot: neurotoxins and fillers are recalled by lot.'] } })),
    ]);
    renderApp('/staff/charts/chart-1', fakeAuth({ me: meFor('practitioner'), fetch }));
    await user.clear(await screen.findByRole('textbox', { name: 'Lot' }));
    await user.click(await screen.findByRole('button', { name: 'Tap the glabella' }));
    await user.click(screen.getByRole('button', { name: 'Save chart' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The chart was not saved');
    expect(screen.getByRole('table', { name: 'Injection points' })).toHaveTextContent('recalled by lot');
    expect(screen.getByText('1 points drawn')).toBeInTheDocument();
  });

  it('signs with the practitioner’s credentials, then takes only amendments and shares with the patient', async () => {
    const user = userEvent.setup();
    let current = draftChart({ map: { points: [{ id: 'p1', view: 'front', x: 0.5, y: 0.3, product: 'Xeomin', units: 4, lot: 'C3301', area: 'Glabella' }], zones: [] } });
    const signature = { staffId: 'staff-injector', name: 'Isabel Injector', credentials: 'RN', at: '2026-12-01T16:00:00Z' };
    const fetch = serve(() => current, [
      route('POST', '/api/charts/chart-1/sign', () => withEtag((current = { ...current, status: 'signed', signature, etag: '"c2"' }), '"c2"')),
      route('POST', '/api/charts/chart-1/amend', (req) =>
        withEtag((current = { ...current, amendments: [{ id: 'a1', text: (req.body as { text: string }).text, signature }], etag: '"c3"' }), '"c3"')),
      route('POST', '/api/charts/chart-1/share', (req) =>
        withEtag((current = { ...current, sharedAt: current.sharedAt ?? '2026-12-01T16:05:00Z', sharesAfterCareOnly: req.url.searchParams.get('part') === 'after-care', etag: `"s${Math.random()}"` }), '"c4"')),
    ]);
    renderApp('/staff/charts/chart-1', fakeAuth({ me: meFor('practitioner'), fetch }));

    await user.click(await screen.findByRole('button', { name: 'Sign and lock' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign and lock this chart?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Credentials (optional)' }), 'RN');
    await user.click(within(dialog).getByRole('button', { name: 'Sign' }));
    expect(await screen.findByText(/Signed by Isabel Injector, RN/)).toBeInTheDocument();
    expect((fetch.requests.find((r) => r.url.pathname.endsWith('/sign'))!.body as { credentials: string }).credentials).toBe('RN');
    expect(screen.queryByRole('button', { name: 'Save chart' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Concerns' })).toHaveAttribute('readonly');

    await user.type(screen.getByRole('textbox', { name: 'Add an amendment' }), 'Patient called: no bruising.');
    await user.click(screen.getByRole('button', { name: 'Add amendment' }));
    expect(await screen.findByText('Patient called: no bruising.')).toBeInTheDocument();
    // First the after-care only; then the whole chart.
    await user.click(screen.getByRole('button', { name: 'Share the after-care only' }));
    expect(await screen.findByText('Shared: the patient sees the after-care in their account.')).toBeInTheDocument();
    expect(screen.getByText(/shared with the patient \(after-care only\)/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Share the whole chart' }));
    expect(await screen.findByText(/the patient sees what was done/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Share with the patient' })).not.toBeInTheDocument();
  });

  it('outlines a treated zone on a profile view with the settings used, undoes it, and saves points and zones with their views', async () => {
    const user = userEvent.setup();
    let current = draftChart({ treatment: 'laser', templateName: 'Laser', serviceName: 'IPL photofacial' });
    const fetch = serve(() => current, [
      route('PUT', '/api/charts/chart-1', (req) => {
        const body = req.body as { map: Chart['map'] };
        current = draftChart({ treatment: 'laser', templateName: 'Laser', serviceName: 'IPL photofacial', map: body.map, etag: '"c2"' });
        return withEtag(current, '"c2"');
      }),
    ]);
    renderApp('/staff/charts/chart-1', fakeAuth({ me: meFor('practitioner'), fetch }));

    await user.click(await screen.findByRole('button', { name: 'Left profile' }));
    expect(screen.getByRole('button', { name: 'Left profile' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: 'Outlines a zone' }));
    expect(screen.getByRole('button', { name: 'Finish zone' })).toBeDisabled();
    for (let i = 0; i < 3; i++) await user.click(await screen.findByRole('button', { name: 'Tap the glabella' }));
    expect(screen.getByRole('group', { name: /Zone being outlined: 3 corners/ })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Area' })).toHaveAttribute('placeholder', 'Cheek');
    await user.type(screen.getByRole('textbox', { name: 'Settings' }), '12 J/cm², 2 passes');
    await user.click(screen.getByRole('button', { name: 'Finish zone' }));

    const zones = screen.getByRole('table', { name: 'Treatment zones' });
    expect(within(zones).getAllByRole('row')[1]).toHaveTextContent(/Cheek.*Left profile.*Laser.*12 J\/cm², 2 passes/);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.queryByRole('table', { name: 'Treatment zones' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    await user.click(screen.getByRole('button', { name: 'Places a point' }));
    await user.click(screen.getByRole('button', { name: 'Tap the glabella' }));
    await user.click(screen.getByRole('button', { name: 'Save chart' }));

    expect(await screen.findByText('Chart saved.')).toBeInTheDocument();
    const saved = (fetch.requests.find((r) => r.method === 'PUT')!.body as { map: Chart['map'] }).map;
    expect(saved.zones.map((z) => [z.view, z.area, z.treatment, z.settings, z.outline.length])).toEqual([['left', 'Cheek', 'Laser', '12 J/cm², 2 passes', 3]]);
    expect(saved.points.map((p) => [p.view, p.area])).toEqual([['left', 'Cheek']]);
  });

  it('says when the chart cannot be opened', async () => {
    const fetch = mockFetch(
      route('GET', '/api/charts/chart-1', () => problem(404, { title: 'Not found', detail: "No chart with id 'chart-1' in this clinic." })),
      route('GET', '/api/charts/templates', () => json({ items: [neurotoxinTemplate] })),
    );
    renderApp('/staff/charts/chart-1', fakeAuth({ me: meFor('practitioner'), fetch }));
    expect(await screen.findByText(/No chart with id/)).toBeInTheDocument();
  });
});
