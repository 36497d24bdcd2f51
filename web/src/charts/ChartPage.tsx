import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useReducer, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { chartsApi, useChartTemplates, type Chart, type ChartField, type ChartTemplate, type InjectionPoint, type MapView } from '../api/charts';
import { isApiError, problemOf } from '../api/errors';
import type { ProblemDetails } from '../api/problem';
import { queryKeys } from '../api/queries';
import { useApi } from '../auth/AuthContext';
import { useClock } from '../booking/clock';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../ui/Alert';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { ChartPhotos } from '../photos/ChartPhotos';
import { amountLabel, CHART_STATUS_LABELS, TREATMENT_LABELS } from './chartLabels';
import { areaAt, centreOf, mapReducer, startHistory, totalsOf, VIEWS } from './faceMapModel';
import { MapToolbar, VIEW_LABELS, ZoneDraftControls, ZonesTable, type MapTool, type ZoneDraft } from './MapTools';
import './charts.css';

// Konva is large and only charting draws: it loads with this page's first map.
const FaceMapCanvas = lazy(() => import('./FaceMapCanvas').then((m) => ({ default: m.FaceMapCanvas })));

/** Staff: one visit's chart, at /staff/charts/:id. */
export function ChartPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const chart = useQuery({ queryKey: queryKeys.charts.item(id), queryFn: ({ signal }) => chartsApi.get(api, id, signal), gcTime: 0 });
  const templates = useChartTemplates();
  useDocumentTitle(chart.data ? `Chart · ${chart.data.serviceName}` : 'Chart');
  // What the last step said; kept here because each new copy of the chart starts the editor again. It belongs to one
  // chart: opening another starts with nothing said.
  const [said, setSaid] = useState<Said & { chartId: string }>({ chartId: id, problem: null, done: null });
  const saidHere: Said = said.chartId === id ? said : { problem: null, done: null };

  if (chart.isPending || templates.isPending) return <Loading label="Loading the chart…" />;
  if (chart.isError) return <LoadProblem error={chart.error} retry={() => void chart.refetch()} />;
  const template = templates.data?.find((t) => t.id === chart.data.templateId);
  // A new copy from the server (saved, signed, reloaded) starts the editor again from it.
  return (
    <>
      <ChartEditor key={`${chart.data.id}:${chart.data.etag}`} chart={chart.data} template={template} said={saidHere} say={(next) => setSaid({ ...next, chartId: id })} />
      <ChartPhotos chart={chart.data} />
    </>
  );
}

/** The outcome of the last step: a problem, or what was done. */
interface Said {
  problem: ProblemDetails | null;
  done: string | null;
}

/** What is placed with the next tap: the product, amount and lot in hand. */
interface InHand {
  product: string;
  units: string;
  millilitres: string;
  lot: string;
}

function ChartEditor({ chart, template, said, say }: { chart: Chart; template?: ChartTemplate; said: Said; say: (said: Said) => void }) {
  const api = useApi();
  const clock = useClock();
  const queryClient = useQueryClient();
  const closed = chart.status !== 'draft';
  const [history, dispatch] = useReducer(mapReducer, chart.map, startHistory);
  const [fields, setFields] = useState<Record<string, string>>(chart.fields);
  const [internalNotes, setInternalNotes] = useState(chart.internalNotes ?? '');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [inHand, setInHand] = useState<InHand>(() => defaultsFor(chart, template));
  const { problem, done } = said;
  const [signing, setSigning] = useState(false);
  const [credentials, setCredentials] = useState('');
  const [amendment, setAmendment] = useState('');
  const diagram = chart.diagram === 'body' ? 'body' : 'face';
  const [view, setView] = useState<MapView>(VIEWS[diagram][0].view);
  const [tool, setTool] = useState<MapTool>('point');
  const [outline, setOutline] = useState<{ x: number; y: number }[]>([]);
  const [zoneDraft, setZoneDraft] = useState<ZoneDraft>({ area: '', settings: '' });
  const map = history.present;
  const dirty = history.past.length > 0 || JSON.stringify(fields) !== JSON.stringify(chart.fields) || internalNotes !== (chart.internalNotes ?? '');
  const selected = map.points.find((p) => p.id === selectedId) ?? null;
  const totals = totalsOf(map);

  // Ctrl+Z / Ctrl+Shift+Z (⌘ on a Mac) undo and redo on the map, as in every drawing tool.
  useEffect(() => {
    if (closed) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z' || (e.target as HTMLElement | null)?.closest('input, textarea, select')) return;
      e.preventDefault();
      dispatch({ type: e.shiftKey ? 'redo' : 'undo' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [closed]);

  /** The server's copy after a step: every view of this chart shows it. */
  const settle = (saved: Chart, message: string) => {
    queryClient.setQueryData(queryKeys.charts.item(chart.id), saved);
    void queryClient.invalidateQueries({ queryKey: queryKeys.charts.ofPatient(chart.patientId) });
    say({ problem: null, done: message });
  };
  const refuse = (title: string) => async (err: unknown) => {
    if (isApiError(err) && err.isConcurrencyConflict) {
      await queryClient.invalidateQueries({ queryKey: queryKeys.charts.item(chart.id) });
      say({ problem: { title: 'This chart changed on another device', status: err.status, detail: 'The latest version is shown. Make your change again.', errors: {} }, done: null });
    } else {
      say({ problem: { ...problemOf(err), title }, done: null });
    }
  };
  const begin = () => say({ problem: null, done: null });

  const save = useMutation({
    mutationFn: () => chartsApi.save(api, chart, { fields, map, internalNotes: internalNotes.trim() || null, afterCare: null }),
    onMutate: begin,
    onSuccess: (saved) => settle(saved, 'Chart saved.'),
    onError: refuse('The chart was not saved'),
  });
  const sign = useMutation({
    mutationFn: () => chartsApi.sign(api, chart.id, credentials.trim()),
    onMutate: begin,
    onSuccess: (saved) => {
      setSigning(false);
      settle(saved, 'Signed. The chart is locked: add an amendment to correct it.');
    },
    onError: (err) => {
      setSigning(false);
      return refuse('The chart was not signed')(err);
    },
  });
  const amend = useMutation({
    mutationFn: () => chartsApi.amend(api, chart.id, amendment),
    onMutate: begin,
    onSuccess: (saved) => settle(saved, 'Amendment added.'),
    onError: refuse('The amendment was not added'),
  });
  const share = useMutation({
    mutationFn: (part: 'all' | 'after-care') => chartsApi.share(api, chart.id, part),
    onMutate: begin,
    onSuccess: (saved) =>
      settle(saved, saved.sharesAfterCareOnly ? 'Shared: the patient sees the after-care in their account.' : 'Shared: the patient sees what was done and the after-care in their account.'),
    onError: refuse('The chart was not shared'),
  });

  const zoneGuess = outline.length > 0 ? areaAt(centreOf(outline).x, centreOf(outline).y, view) : 'Treated area';
  const finishZone = () => {
    dispatch({
      type: 'add-zone',
      zone: { id: `zone-${crypto.randomUUID()}`, view, outline, area: zoneDraft.area.trim() || zoneGuess, treatment: TREATMENT_LABELS[chart.treatment], settings: zoneDraft.settings.trim() || null },
    });
    setOutline([]);
    setZoneDraft({ area: '', settings: zoneDraft.settings });
  };
  // A zone's corners belong to the view they were tapped on.
  const showView = (next: MapView) => {
    setView(next);
    setOutline([]);
  };

  const place = (x: number, y: number) => {
    if (tool === 'zone') {
      setOutline((corners) => [...corners, { x, y }]);
      return;
    }
    const point: InjectionPoint = {
      id: `point-${crypto.randomUUID()}`,
      view,
      x,
      y,
      product: inHand.product.trim() || chart.serviceName,
      units: inHand.units ? Number(inHand.units) : null,
      millilitres: inHand.millilitres ? Number(inHand.millilitres) : null,
      lot: inHand.lot.trim() || null,
      area: areaAt(x, y, view),
    };
    dispatch({ type: 'add', point });
    setSelectedId(point.id);
  };
  const change = (changes: Partial<InjectionPoint>) => selected && dispatch({ type: 'change', id: selected.id, changes });
  const pointError = (index: number, name: string) => problem?.errors?.[`map.points[${index}].${name}`]?.join(' ');

  return (
    <article className="chart-page" aria-labelledby="chart-h">
      <p>
        <Link to={`/staff/patients/${encodeURIComponent(chart.patientId)}`}>Back to the patient</Link>
      </p>
      <header className="chart-page__header">
        <h1 id="chart-h">
          {chart.templateName} · {chart.serviceName}
        </h1>
        <p className="muted">
          {clock.dateTime(chart.visitStart)} · {chart.practitionerName} ·{' '}
          <span className={`status status--chart-${chart.status}`}>{CHART_STATUS_LABELS[chart.status]}</span>
          {chart.sharedAt && (
            <>
              {' '}
              · shared with the patient {chart.sharesAfterCareOnly ? '(after-care only) ' : ''}
              {clock.instant(chart.sharedAt)}
            </>
          )}
        </p>
        {chart.signature && (
          <p className="chart-page__signature">
            Signed by {chart.signature.name}
            {chart.signature.credentials ? `, ${chart.signature.credentials}` : ''} on {clock.instant(chart.signature.at)}
          </p>
        )}
        {chart.status === 'locked' && <p className="chart-page__signature">Locked unsigned ({chart.lockedBy}). Sign it to confirm it.</p>}
      </header>
      {problem && <ProblemAlert problem={problem} />}
      {done && <StatusMessage>{done}</StatusMessage>}

      <div className="chart-page__body">
        {chart.diagram !== 'none' && (
          <section aria-labelledby="map-h" className="chart-map">
            <h2 id="map-h">{diagram === 'body' ? 'Body map' : 'Face map'}</h2>
            <MapToolbar diagram={diagram} view={view} onView={showView} tool={tool} onTool={(next) => { setTool(next); setOutline([]); }} readOnly={closed} />
            {!closed && tool === 'zone' && (
              <ZoneDraftControls corners={outline.length} guess={zoneGuess} draft={zoneDraft} onChange={setZoneDraft} onFinish={finishZone} onCancel={() => setOutline([])} />
            )}
            {!closed && tool === 'point' && (
              <fieldset className="chart-map__in-hand">
                <legend>Next point</legend>
                <label>
                  Product
                  <input value={inHand.product} onChange={(e) => setInHand({ ...inHand, product: e.target.value })} />
                </label>
                <label>
                  Units
                  <input inputMode="decimal" value={inHand.units} onChange={(e) => setInHand({ ...inHand, units: e.target.value, millilitres: '' })} />
                </label>
                <label>
                  ml
                  <input inputMode="decimal" value={inHand.millilitres} onChange={(e) => setInHand({ ...inHand, millilitres: e.target.value, units: '' })} />
                </label>
                <label>
                  Lot
                  <input value={inHand.lot} onChange={(e) => setInHand({ ...inHand, lot: e.target.value })} />
                </label>
              </fieldset>
            )}
            {!closed && (
              <div className="actions">
                <button type="button" className="btn" onClick={() => dispatch({ type: 'undo' })} disabled={history.past.length === 0}>
                  Undo
                </button>
                <button type="button" className="btn" onClick={() => dispatch({ type: 'redo' })} disabled={history.future.length === 0}>
                  Redo
                </button>
              </div>
            )}
            <Suspense fallback={<Loading label="Loading the face map…" />}>
              <FaceMapCanvas
                view={view}
                points={map.points}
                zones={map.zones}
                outline={outline}
                selectedId={selectedId}
                onPlace={place}
                onMove={(pointId, x, y) => dispatch({ type: 'move', id: pointId, x, y })}
                onSelect={setSelectedId}
                readOnly={closed}
              />
            </Suspense>
            {selected && !closed && (
              <fieldset className="chart-map__point">
                <legend>Point {map.points.indexOf(selected) + 1}</legend>
                <PointInput label="Area" value={selected.area ?? ''} onChange={(v) => change({ area: v })} error={pointError(map.points.indexOf(selected), 'area')} />
                <PointInput label="Product" value={selected.product} onChange={(v) => change({ product: v })} error={pointError(map.points.indexOf(selected), 'product')} />
                <PointInput label="Units" value={selected.units?.toString() ?? ''} inputMode="decimal" onChange={(v) => change({ units: v ? Number(v) : null })} error={pointError(map.points.indexOf(selected), 'units')} />
                <PointInput label="Millilitres" value={selected.millilitres?.toString() ?? ''} inputMode="decimal" onChange={(v) => change({ millilitres: v ? Number(v) : null })} error={pointError(map.points.indexOf(selected), 'millilitres')} />
                <PointInput label="Lot" value={selected.lot ?? ''} onChange={(v) => change({ lot: v || null })} error={pointError(map.points.indexOf(selected), 'lot')} />
                <PointInput label="Dilution" value={selected.dilution ?? ''} onChange={(v) => change({ dilution: v || null })} />
                <PointInput label="Depth" value={selected.depth ?? ''} onChange={(v) => change({ depth: v || null })} />
                <PointInput label="Technique" value={selected.technique ?? ''} onChange={(v) => change({ technique: v || null })} />
                <PointInput label="Needle or cannula" value={selected.device ?? ''} onChange={(v) => change({ device: v || null })} />
                <button type="button" className="btn btn--danger" onClick={() => (dispatch({ type: 'remove', id: selected.id }), setSelectedId(null))}>
                  Remove point
                </button>
              </fieldset>
            )}
            <PointsTable points={map.points} selectedId={selectedId} onSelect={setSelectedId} errorOf={pointError} />
            <ZonesTable zones={map.zones} onRemove={closed ? undefined : (zoneId) => dispatch({ type: 'remove-zone', id: zoneId })} />
            <Totals totals={totals} />
          </section>
        )}

        <section aria-labelledby="notes-h" className="chart-notes">
          <h2 id="notes-h">Notes</h2>
          {fieldsOf(template, fields).map((f) => (
            <FieldInput key={f.id} field={f} value={fields[f.id] ?? ''} readOnly={closed} error={problem?.errors?.[`fields.${f.id}`]?.join(' ')}
              onChange={(v) => setFields({ ...fields, [f.id]: v })} />
          ))}
          <div className="field">
            <label htmlFor="internal-notes">Internal notes (never shown to the patient)</label>
            <textarea id="internal-notes" rows={3} value={internalNotes} readOnly={closed} onChange={(e) => setInternalNotes(e.target.value)} />
          </div>
        </section>
      </div>

      {!closed ? (
        <div className="actions actions--form chart-page__actions">
          <button type="button" className="btn btn--primary" onClick={() => save.mutate()} disabled={save.isPending || !dirty}>
            {save.isPending ? 'Saving…' : 'Save chart'}
          </button>
          <button type="button" className="btn" onClick={() => setSigning(true)} disabled={dirty || sign.isPending} aria-describedby={dirty ? 'sign-hint' : undefined}>
            Sign and lock
          </button>
          {dirty && (
            <span id="sign-hint" className="muted">
              Save your changes before signing.
            </span>
          )}
        </div>
      ) : (
        <section aria-labelledby="amend-h" className="chart-amendments">
          <h2 id="amend-h">Amendments</h2>
          {chart.amendments.length === 0 ? (
            <p className="muted">No amendments.</p>
          ) : (
            <ol>
              {chart.amendments.map((a) => (
                <li key={a.id}>
                  <p>{a.text}</p>
                  <p className="muted">
                    {a.signature.name}
                    {a.signature.credentials ? `, ${a.signature.credentials}` : ''} · {clock.instant(a.signature.at)}
                  </p>
                </li>
              ))}
            </ol>
          )}
          <div className="field">
            <label htmlFor="amendment">Add an amendment</label>
            <textarea id="amendment" rows={3} value={amendment} onChange={(e) => setAmendment(e.target.value)} />
          </div>
          <div className="actions">
            <button type="button" className="btn btn--primary" onClick={() => amend.mutate()} disabled={amend.isPending || !amendment.trim()}>
              {amend.isPending ? 'Adding…' : 'Add amendment'}
            </button>
            {chart.status === 'locked' && (
              <button type="button" className="btn" onClick={() => setSigning(true)}>
                Sign now
              </button>
            )}
            {(!chart.sharedAt || chart.sharesAfterCareOnly) && (
              <button type="button" className="btn" onClick={() => share.mutate('all')} disabled={share.isPending}>
                {chart.sharedAt ? 'Share the whole chart' : 'Share with the patient'}
              </button>
            )}
            {!chart.sharedAt && (
              <button type="button" className="btn" onClick={() => share.mutate('after-care')} disabled={share.isPending}>
                Share the after-care only
              </button>
            )}
          </div>
        </section>
      )}

      {signing && (
        <ConfirmDialog title="Sign and lock this chart?" confirmLabel="Sign" onConfirm={() => sign.mutate()} onCancel={() => setSigning(false)} busy={sign.isPending}>
          <p>Once signed, the chart never changes again; corrections are added as amendments.</p>
          <div className="field">
            <label htmlFor="credentials">Credentials (optional)</label>
            <input id="credentials" value={credentials} onChange={(e) => setCredentials(e.target.value)} placeholder="Your certifications are used when empty" />
          </div>
        </ConfirmDialog>
      )}
    </article>
  );
}

/** The template's fields, then any the chart holds that its template has since dropped (their values are kept). */
function fieldsOf(template: ChartTemplate | undefined, values: Record<string, string>): ChartField[] {
  const known = template?.fields ?? [];
  const dropped = Object.keys(values).filter((id) => !known.some((f) => f.id === id));
  return [...known, ...dropped.map((id): ChartField => ({ id, label: id, type: 'long-text' }))];
}

/** The last product used in a chart of this kind, or the service's name, in hand for the first tap. */
function defaultsFor(chart: Chart, template?: ChartTemplate): InHand {
  const last = chart.map.points[chart.map.points.length - 1];
  const filler = template?.treatment === 'filler';
  return {
    product: last?.product ?? chart.serviceName,
    units: last?.units?.toString() ?? (filler ? '' : '4'),
    millilitres: last?.millilitres?.toString() ?? (filler ? '0.5' : ''),
    lot: last?.lot ?? '',
  };
}

function PointInput(props: { label: string; value: string; onChange: (v: string) => void; inputMode?: 'decimal'; error?: string }) {
  const id = `point-${props.label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input id={id} value={props.value} inputMode={props.inputMode} onChange={(e) => props.onChange(e.target.value)} aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined} />
      {props.error && (
        <p id={`${id}-error`} className="field__error">
          {props.error}
        </p>
      )}
    </div>
  );
}

function PointsTable(props: { points: InjectionPoint[]; selectedId: string | null; onSelect: (id: string) => void; errorOf: (index: number, name: string) => string | undefined }) {
  if (props.points.length === 0) return <p className="muted">No points yet: tap the drawing where you inject.</p>;
  return (
    <table className="chart-points">
      <caption>Injection points</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Area</th>
          <th scope="col">View</th>
          <th scope="col">Product</th>
          <th scope="col">Amount</th>
          <th scope="col">Lot</th>
        </tr>
      </thead>
      <tbody>
        {props.points.map((p, i) => {
          const problems = ['lot', 'units', 'product', 'x', 'y'].map((n) => props.errorOf(i, n)).filter(Boolean);
          return (
            <tr key={p.id} className={p.id === props.selectedId ? 'is-selected' : undefined}>
              <td>
                <button type="button" className="btn btn--small" onClick={() => props.onSelect(p.id)} aria-label={`Point ${i + 1}: edit`}>
                  {i + 1}
                </button>
              </td>
              <td>{p.area}</td>
              <td>{VIEW_LABELS[p.view]}</td>
              <td>{p.product}</td>
              <td>{amountLabel(p.units, p.millilitres)}</td>
              <td>
                {p.lot || <span className="muted">none</span>}
                {problems.length > 0 && <span className="field__error"> {problems.join(' ')}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Totals({ totals }: { totals: ReturnType<typeof totalsOf> }) {
  if (totals.byProduct.length === 0) return null;
  return (
    <div className="chart-totals">
      <h3>Totals</h3>
      <ul aria-label="Totals per product and lot">
        {totals.byProduct.map((t) => (
          <li key={`${t.product}:${t.lot}`}>
            {t.product}
            {t.lot ? ` (lot ${t.lot})` : ''}: {amountLabel(t.units, t.millilitres)}
          </li>
        ))}
      </ul>
      <ul aria-label="Totals per area">
        {totals.byArea.map((t) => (
          <li key={t.area}>
            {t.area}: {amountLabel(t.units, t.millilitres)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function FieldInput(props: { field: ChartField; value: string; readOnly: boolean; error?: string; onChange: (v: string) => void }) {
  const { field } = props;
  const id = `field-${field.id}`;
  const described = props.error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      {field.type === 'choice' ? (
        <select id={id} value={props.value} disabled={props.readOnly} onChange={(e) => props.onChange(e.target.value)} aria-describedby={described}>
          <option value="">—</option>
          {(field.options ?? []).map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      ) : field.type === 'long-text' ? (
        <textarea id={id} rows={3} value={props.value} readOnly={props.readOnly} onChange={(e) => props.onChange(e.target.value)} aria-describedby={described} />
      ) : (
        <input id={id} value={props.value} readOnly={props.readOnly} inputMode={field.type === 'number' ? 'decimal' : undefined}
          onChange={(e) => props.onChange(e.target.value)} aria-describedby={described} />
      )}
      {!props.readOnly && field.quickPhrases && field.quickPhrases.length > 0 && (
        <div className="quick-phrases" role="group" aria-label={`Quick phrases for ${field.label}`}>
          {field.quickPhrases.map((q) => (
            <button key={q} type="button" className="btn btn--small" onClick={() => props.onChange(props.value ? `${props.value} ${q}` : q)}>
              {q}
            </button>
          ))}
        </div>
      )}
      {props.error && (
        <p id={`${id}-error`} className="field__error">
          {props.error}
        </p>
      )}
    </div>
  );
}
