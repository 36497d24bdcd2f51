import type { MapView, TreatmentZone } from '../api/charts';
import { VIEWS } from './faceMapModel';

export type MapTool = 'point' | 'zone';

/** Which view is drawn, and what a tap does: place a point, or add a corner to the zone being outlined. */
export function MapToolbar(props: { diagram: 'face' | 'body'; view: MapView; onView: (view: MapView) => void; tool: MapTool; onTool: (tool: MapTool) => void; readOnly: boolean }) {
  return (
    <div className="chart-map__toolbar">
      <div role="group" aria-label="View" className="btn-group">
        {VIEWS[props.diagram].map((v) => (
          <button key={v.view} type="button" className="btn btn--small" aria-pressed={props.view === v.view} onClick={() => props.onView(v.view)}>
            {v.label}
          </button>
        ))}
      </div>
      {!props.readOnly && (
        <div role="group" aria-label="A tap" className="btn-group">
          <button type="button" className="btn btn--small" aria-pressed={props.tool === 'point'} onClick={() => props.onTool('point')}>
            Places a point
          </button>
          <button type="button" className="btn btn--small" aria-pressed={props.tool === 'zone'} onClick={() => props.onTool('zone')}>
            Outlines a zone
          </button>
        </div>
      )}
    </div>
  );
}

export interface ZoneDraft {
  area: string;
  settings: string;
}

/** The zone being outlined: its corners so far, the area it treats (guessed from where it is) and the settings used. */
export function ZoneDraftControls(props: { corners: number; guess: string; draft: ZoneDraft; onChange: (draft: ZoneDraft) => void; onFinish: () => void; onCancel: () => void }) {
  return (
    <fieldset className="chart-map__in-hand">
      <legend>Zone being outlined: {props.corners} {props.corners === 1 ? 'corner' : 'corners'}</legend>
      <label>
        Area
        <input value={props.draft.area} placeholder={props.guess} onChange={(e) => props.onChange({ ...props.draft, area: e.target.value })} />
      </label>
      <label>
        Settings
        <input value={props.draft.settings} placeholder="e.g. 12 J/cm², 2 passes" onChange={(e) => props.onChange({ ...props.draft, settings: e.target.value })} />
      </label>
      <div className="actions">
        <button type="button" className="btn btn--primary" onClick={props.onFinish} disabled={props.corners < 3}>
          Finish zone
        </button>
        <button type="button" className="btn" onClick={props.onCancel} disabled={props.corners === 0}>
          Clear corners
        </button>
      </div>
      {props.corners < 3 && <p className="field__hint">Tap at least three corners around the treated area.</p>}
    </fieldset>
  );
}

export const VIEW_LABELS = Object.fromEntries(Object.values(VIEWS).flat().map((v) => [v.view, v.label])) as Record<MapView, string>;

/** The chart's treatment zones, for the keyboard and screen readers as much as for the record. */
export function ZonesTable({ zones, onRemove }: { zones: TreatmentZone[]; onRemove?: (id: string) => void }) {
  if (zones.length === 0) return null;
  return (
    <table className="chart-points">
      <caption>Treatment zones</caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col">View</th>
          <th scope="col">Treatment</th>
          <th scope="col">Settings</th>
          {onRemove && <th scope="col"><span className="sr-only">Remove</span></th>}
        </tr>
      </thead>
      <tbody>
        {zones.map((z) => (
          <tr key={z.id}>
            <td>{z.area}</td>
            <td>{VIEW_LABELS[z.view]}</td>
            <td>{z.treatment}</td>
            <td>{z.settings || <span className="muted">none</span>}</td>
            {onRemove && (
              <td>
                <button type="button" className="btn btn--small btn--link" onClick={() => onRemove(z.id)} aria-label={`Remove the ${z.area} zone`}>
                  Remove
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

