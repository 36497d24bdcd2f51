import type { FaceMap, InjectionPoint, MapView, TreatmentZone } from '../api/charts';

/**
 * The map being drawn, with its history: every step (a point placed, moved, changed or removed; a zone outlined or
 * removed) can be undone and redone. A reducer, so the canvas, the point panel and the keyboard all change it the same way.
 */
export interface MapHistory {
  past: FaceMap[];
  present: FaceMap;
  future: FaceMap[];
}

export type MapAction =
  | { type: 'add'; point: InjectionPoint }
  | { type: 'move'; id: string; x: number; y: number }
  | { type: 'change'; id: string; changes: Partial<Omit<InjectionPoint, 'id'>> }
  | { type: 'remove'; id: string }
  | { type: 'add-zone'; zone: TreatmentZone }
  | { type: 'remove-zone'; id: string }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; map: FaceMap };

/** How many steps back a practitioner can go; older ones are forgotten. */
const LIMIT = 100;

export const startHistory = (map: FaceMap): MapHistory => ({ past: [], present: map, future: [] });

const clamp = (v: number) => Math.min(1, Math.max(0, v));

function record(history: MapHistory, next: FaceMap): MapHistory {
  if (next === history.present) return history;
  return { past: [...history.past, history.present].slice(-LIMIT), present: next, future: [] };
}

const withPoints = (map: FaceMap, points: InjectionPoint[]): FaceMap => ({ ...map, points });

export function mapReducer(history: MapHistory, action: MapAction): MapHistory {
  const { present } = history;
  switch (action.type) {
    case 'add':
      return record(history, withPoints(present, [...present.points, { ...action.point, x: clamp(action.point.x), y: clamp(action.point.y) }]));
    case 'move':
      return record(history, withPoints(present, present.points.map((p) => (p.id === action.id ? { ...p, x: clamp(action.x), y: clamp(action.y) } : p))));
    case 'change':
      return record(history, withPoints(present, present.points.map((p) => (p.id === action.id ? { ...p, ...action.changes } : p))));
    case 'remove':
      return present.points.some((p) => p.id === action.id) ? record(history, withPoints(present, present.points.filter((p) => p.id !== action.id))) : history;
    case 'add-zone':
      return action.zone.outline.length < 3
        ? history
        : record(history, { ...present, zones: [...present.zones, { ...action.zone, outline: action.zone.outline.map((v) => ({ x: clamp(v.x), y: clamp(v.y) })) }] });
    case 'remove-zone':
      return present.zones.some((z) => z.id === action.id) ? record(history, { ...present, zones: present.zones.filter((z) => z.id !== action.id) }) : history;
    case 'undo':
      return history.past.length === 0
        ? history
        : { past: history.past.slice(0, -1), present: history.past[history.past.length - 1], future: [present, ...history.future] };
    case 'redo':
      return history.future.length === 0 ? history : { past: [...history.past, present], present: history.future[0], future: history.future.slice(1) };
    case 'reset':
      return startHistory(action.map);
  }
}

export interface Totals {
  byProduct: { product: string; lot: string; units: number; millilitres: number }[];
  byArea: { area: string; units: number; millilitres: number }[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** What the map adds up to, as the API totals it (per product and lot, per area), while it is being drawn. */
export function totalsOf(map: FaceMap): Totals {
  const products = new Map<string, Totals['byProduct'][number]>();
  const areas = new Map<string, Totals['byArea'][number]>();
  for (const p of map.points) {
    const lot = p.lot ?? '';
    const productKey = `${p.product}\u0000${lot}`;
    const product = products.get(productKey) ?? { product: p.product, lot, units: 0, millilitres: 0 };
    product.units = round(product.units + (p.units ?? 0));
    product.millilitres = round(product.millilitres + (p.millilitres ?? 0));
    products.set(productKey, product);
    const areaName = p.area || 'Unspecified';
    const area = areas.get(areaName) ?? { area: areaName, units: 0, millilitres: 0 };
    area.units = round(area.units + (p.units ?? 0));
    area.millilitres = round(area.millilitres + (p.millilitres ?? 0));
    areas.set(areaName, area);
  }
  const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });
  return {
    byProduct: [...products.values()].sort((a, b) => byName(a.product, b.product) || byName(a.lot, b.lot)),
    byArea: [...areas.values()].sort((a, b) => byName(a.area, b.area)),
  };
}

/** The views a diagram is drawn in: the face from the front and both sides, or the body from the front and the back. */
export const VIEWS: Record<'face' | 'body', { view: MapView; label: string }[]> = {
  face: [
    { view: 'front', label: 'Front' },
    { view: 'left', label: 'Left profile' },
    { view: 'right', label: 'Right profile' },
  ],
  body: [
    { view: 'body-front', label: 'Body front' },
    { view: 'body-back', label: 'Body back' },
  ],
};

/** The area where a point falls on a view: a first guess the practitioner can change. */
export function areaAt(x: number, y: number, view: MapView = 'front'): string {
  const side = Math.abs(x - 0.5);
  switch (view) {
    case 'front':
      if (y < 0.27) return 'Forehead';
      if (y < 0.36) return side < 0.08 ? 'Glabella' : 'Brow';
      if (y < 0.5) return side > 0.2 ? "Crow's feet" : side < 0.06 ? 'Nose' : 'Under-eye';
      if (y < 0.66) return side > 0.17 ? 'Cheeks' : side < 0.06 ? 'Nose' : 'Nasolabial folds';
      if (y < 0.78) return side < 0.12 ? 'Lips' : 'Marionette lines';
      return side < 0.1 ? 'Chin' : 'Jawline';
    case 'left':
    case 'right': {
      const fromTheFront = view === 'left' ? x : 1 - x; // the left profile faces left
      if (y < 0.3) return 'Temple';
      if (y < 0.47 && y >= 0.34 && fromTheFront < 0.48) return "Crow's feet";
      if (y < 0.62) return 'Cheek';
      return y < 0.82 ? 'Jawline' : 'Neck';
    }
    case 'body-front':
    case 'body-back': {
      const back = view === 'body-back';
      if (y < 0.17) return back ? 'Back of the head and neck' : 'Face and neck';
      if (side > 0.17 && y < 0.55) return 'Arms';
      if (y < 0.38) return back ? 'Upper back' : 'Chest';
      if (y < 0.55) return back ? 'Lower back' : 'Abdomen';
      return 'Legs';
    }
  }
}

/** The middle of an outline: where a zone's area is guessed from. */
export function centreOf(outline: { x: number; y: number }[]): { x: number; y: number } {
  const n = Math.max(1, outline.length);
  return { x: outline.reduce((s, v) => s + v.x, 0) / n, y: outline.reduce((s, v) => s + v.y, 0) / n };
}
