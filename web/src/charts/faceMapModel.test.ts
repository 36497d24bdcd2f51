import { describe, expect, it } from 'vitest';
import type { InjectionPoint } from '../api/charts';
import { areaAt, mapReducer, startHistory, totalsOf } from './faceMapModel';

const point = (id: string, extra: Partial<InjectionPoint> = {}): InjectionPoint => ({
  id, view: 'front', x: 0.5, y: 0.3, product: 'Xeomin', units: 4, lot: 'L1', area: 'Glabella', ...extra,
});

describe('the face map being drawn', () => {
  it('undoes and redoes every step, and a new step forgets what was undone', () => {
    let h = startHistory({ points: [], zones: [] });
    h = mapReducer(h, { type: 'add', point: point('a') });
    h = mapReducer(h, { type: 'add', point: point('b', { x: 0.6 }) });
    h = mapReducer(h, { type: 'move', id: 'a', x: 0.4, y: 0.25 });
    h = mapReducer(h, { type: 'change', id: 'b', changes: { units: 2 } });
    expect(h.present.points.map((p) => [p.id, p.x, p.units])).toEqual([['a', 0.4, 4], ['b', 0.6, 2]]);

    h = mapReducer(h, { type: 'undo' });
    expect(h.present.points[1].units).toBe(4);
    h = mapReducer(h, { type: 'undo' });
    expect(h.present.points[0].x).toBe(0.5);
    h = mapReducer(h, { type: 'redo' });
    expect(h.present.points[0].x).toBe(0.4);

    h = mapReducer(h, { type: 'remove', id: 'b' });
    expect(h.future).toEqual([]);
    expect(mapReducer(h, { type: 'redo' })).toBe(h);
    h = mapReducer(h, { type: 'undo' });
    expect(h.present.points.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('does nothing, and records nothing, when there is nothing to undo, redo or remove', () => {
    const h = startHistory({ points: [point('a')], zones: [] });
    expect(mapReducer(h, { type: 'undo' })).toBe(h);
    expect(mapReducer(h, { type: 'redo' })).toBe(h);
    expect(mapReducer(h, { type: 'remove', id: 'nope' })).toBe(h);
  });

  it('keeps points on the drawing', () => {
    const h = mapReducer(startHistory({ points: [], zones: [] }), { type: 'add', point: point('a', { x: 1.4, y: -0.2 }) });
    expect([h.present.points[0].x, h.present.points[0].y]).toEqual([1, 0]);
  });

  it('adds up units and millilitres per product and lot, and per area, as the API does', () => {
    const totals = totalsOf({
      points: [point('a'), point('b'), point('c', { units: 2.5, area: 'Forehead' }), point('d', { lot: 'L2', units: 2, area: 'Forehead' }),
        point('e', { product: 'Juvederm Volbella', units: null, millilitres: 0.5, area: 'Lips' })],
      zones: [],
    });
    expect(totals.byProduct).toEqual([
      { product: 'Juvederm Volbella', lot: 'L1', units: 0, millilitres: 0.5 },
      { product: 'Xeomin', lot: 'L1', units: 10.5, millilitres: 0 },
      { product: 'Xeomin', lot: 'L2', units: 2, millilitres: 0 },
    ]);
    expect(totals.byArea.map((a) => [a.area, a.units])).toEqual([['Forehead', 4.5], ['Glabella', 8], ['Lips', 0]]);
  });

  it('guesses the area from where a point falls on the face', () => {
    expect(areaAt(0.5, 0.15)).toBe('Forehead');
    expect(areaAt(0.5, 0.32)).toBe('Glabella');
    expect(areaAt(0.75, 0.42)).toBe("Crow's feet");
    expect(areaAt(0.5, 0.72)).toBe('Lips');
  });
});
