import { describe, expect, it } from 'vitest';
import type { InjectionPoint } from '../api/charts';
import { areaAt, centreOf, mapReducer, startHistory, totalsOf } from './faceMapModel';

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
    expect(areaAt(0.5, 0.2, 'left')).toBe('Temple');
    expect(areaAt(0.5, 0.7, 'right')).toBe('Jawline');
    expect(areaAt(0.35, 0.42, 'left')).toBe("Crow's feet");
    expect(areaAt(0.65, 0.42, 'right')).toBe("Crow's feet");
    expect(areaAt(0.5, 0.3, 'body-front')).toBe('Chest');
    expect(areaAt(0.5, 0.3, 'body-back')).toBe('Upper back');
    expect(areaAt(0.2, 0.4, 'body-front')).toBe('Arms');
    expect(areaAt(0.4, 0.8, 'body-back')).toBe('Legs');
  });
});

describe('treatment zones on the map', () => {
  const outline = [{ x: 0.3, y: 0.5 }, { x: 0.45, y: 0.5 }, { x: 0.4, y: 1.3 }];

  it('adds an outlined zone (kept on the drawing), removes it, and undoes both like any other step', () => {
    let h = startHistory({ points: [], zones: [] });
    h = mapReducer(h, { type: 'add-zone', zone: { id: 'z1', view: 'front', outline, area: 'Cheeks', treatment: 'Laser', settings: '12 J/cm²' } });
    expect(h.present.zones).toHaveLength(1);
    expect(h.present.zones[0].outline[2]).toEqual({ x: 0.4, y: 1 });
    h = mapReducer(h, { type: 'remove-zone', id: 'z1' });
    expect(h.present.zones).toEqual([]);
    h = mapReducer(h, { type: 'undo' });
    expect(h.present.zones.map((z) => z.area)).toEqual(['Cheeks']);
    h = mapReducer(h, { type: 'undo' });
    expect(h.present.zones).toEqual([]);
  });

  it('takes no zone of fewer than three corners, and records nothing for it', () => {
    const h = startHistory({ points: [], zones: [] });
    expect(mapReducer(h, { type: 'add-zone', zone: { id: 'z', view: 'front', outline: outline.slice(0, 2), area: 'A', treatment: 'Laser' } })).toBe(h);
    expect(mapReducer(h, { type: 'remove-zone', id: 'nope' })).toBe(h);
  });

  it('guesses a zone’s area from its middle', () => {
    expect(centreOf([{ x: 0.2, y: 0.5 }, { x: 0.3, y: 0.6 }, { x: 0.25, y: 0.7 }])).toEqual({ x: 0.25, y: expect.closeTo(0.6, 5) });
  });
});
