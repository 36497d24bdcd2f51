import type { FaceMap, InjectionPoint } from '../api/charts';

/**
 * The map being drawn, with its history: every step (a point placed, moved, changed or removed) can be undone and
 * redone. A reducer, so the canvas, the point panel and the keyboard all change it the same way.
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

/** The face's areas, by where on the front view a point falls: a first guess the practitioner can change. */
export function areaAt(x: number, y: number): string {
  if (y < 0.27) return 'Forehead';
  if (y < 0.36) return Math.abs(x - 0.5) < 0.08 ? 'Glabella' : 'Brow';
  if (y < 0.5) return Math.abs(x - 0.5) > 0.2 ? "Crow's feet" : Math.abs(x - 0.5) < 0.06 ? 'Nose' : 'Under-eye';
  if (y < 0.66) return Math.abs(x - 0.5) > 0.17 ? 'Cheeks' : Math.abs(x - 0.5) < 0.06 ? 'Nose' : 'Nasolabial folds';
  if (y < 0.78) return Math.abs(x - 0.5) < 0.12 ? 'Lips' : 'Marionette lines';
  return Math.abs(x - 0.5) < 0.1 ? 'Chin' : 'Jawline';
}
