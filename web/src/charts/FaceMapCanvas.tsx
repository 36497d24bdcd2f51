import type Konva from 'konva';
import { useEffect, useRef, useState } from 'react';
import { Circle, Ellipse, Group, Layer, Line, Stage, Text } from 'react-konva';
import type { InjectionPoint, MapView, TreatmentZone } from '../api/charts';

/** The drawing's proportions: a face is taller than it is wide. */
const ASPECT = 1.25;
const BODY_ASPECT = 1.9;

interface Props {
  /** The view drawn; only its points and zones are shown. */
  view: MapView;
  points: InjectionPoint[];
  zones: TreatmentZone[];
  /** The corners of the zone being outlined, in order; empty when none is. */
  outline: { x: number; y: number }[];
  selectedId: string | null;
  /** A tap on the face, as fractions of the drawing's width and height. */
  onPlace?: (x: number, y: number) => void;
  onMove?: (id: string, x: number, y: number) => void;
  onSelect: (id: string | null) => void;
  readOnly: boolean;
}

/**
 * The face (front or either profile) or the body (front or back), drawn in vectors (no picture to load), with the
 * view's injection points and treatment zones on it. Tap to place a point (or a zone's next corner), drag a point to
 * move it, tap one to choose it; two fingers pinch to zoom. The canvas is for the hand; the tables beside it list
 * and edit the same points and zones for the keyboard and screen readers.
 */
export function FaceMapCanvas(props: Props) {
  const frame = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(360);
  const [zoom, setZoom] = useState(1);
  const pinch = useRef<number | null>(null);

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const fit = () => setWidth(Math.max(240, Math.min(520, element.clientWidth)));
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const body = props.view === 'body-front' || props.view === 'body-back';
  const height = width * (body ? BODY_ASPECT : ASPECT);
  const w = width;
  const h = height;

  const shown = props.points.filter((p) => p.view === props.view);
  const zones = props.zones.filter((z) => z.view === props.view);
  const flat = (outline: { x: number; y: number }[]) => outline.flatMap((v) => [v.x * w, v.y * h]);

  const fraction = (stage: Konva.Stage) => {
    const pos = stage.getRelativePointerPosition();
    return pos ? { x: pos.x / w, y: pos.y / h } : null;
  };

  const onStageTap = (e: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
    if (props.readOnly || (e.target !== e.target.getStage() && e.target.name() !== 'face' && e.target.name() !== 'zone')) return;
    const stage = e.target.getStage();
    const at = stage && fraction(stage);
    if (at) props.onPlace?.(at.x, at.y);
  };

  const onTouchMove = (e: Konva.KonvaEventObject<TouchEvent>) => {
    const touches = e.evt.touches;
    if (touches.length !== 2) return;
    e.evt.preventDefault();
    const distance = Math.hypot(touches[0].clientX - touches[1].clientX, touches[0].clientY - touches[1].clientY);
    if (pinch.current) setZoom((z) => Math.min(3, Math.max(1, z * (distance / (pinch.current ?? distance)))));
    pinch.current = distance;
  };

  return (
    <div className="face-map">
      <div className="face-map__zoom" role="group" aria-label="Zoom">
        <button type="button" className="btn btn--small" onClick={() => setZoom((z) => Math.min(3, z + 0.5))} disabled={zoom >= 3}>
          Zoom in
        </button>
        <button type="button" className="btn btn--small" onClick={() => setZoom((z) => Math.max(1, z - 0.5))} disabled={zoom <= 1}>
          Zoom out
        </button>
      </div>
      <div
        ref={frame}
        className="face-map__frame"
        role="img"
        aria-label={`${VIEW_NAMES[props.view]}: ${shown.length} injection ${shown.length === 1 ? 'point' : 'points'}, ${zones.length} ${zones.length === 1 ? 'zone' : 'zones'}${props.readOnly ? '' : '. Tap to place; drag a point to move it.'}`}
        data-testid="face-map"
      >
        <Stage
          width={w}
          height={h}
          scaleX={zoom}
          scaleY={zoom}
          draggable={zoom > 1}
          onClick={onStageTap}
          onTap={onStageTap}
          onTouchMove={onTouchMove}
          onTouchEnd={() => (pinch.current = null)}
        >
          <Layer>
            <Outline view={props.view} w={w} h={h} />
            {zones.map((z) => (
              <Line key={z.id} name="zone" points={flat(z.outline)} closed fill="rgba(179, 38, 30, 0.18)" stroke="#b3261e" strokeWidth={2} />
            ))}
            {props.outline.length > 0 && (
              <Group listening={false}>
                <Line points={flat(props.outline)} stroke="#b3261e" strokeWidth={2} dash={[6, 4]} closed={props.outline.length > 2} />
                {props.outline.map((v, i) => (
                  <Circle key={i} x={v.x * w} y={v.y * h} radius={5} fill="#b3261e" />
                ))}
              </Group>
            )}
            {shown.map((p) => (
              <Group
                key={p.id}
                x={p.x * w}
                y={p.y * h}
                draggable={!props.readOnly}
                onClick={(e) => {
                  e.cancelBubble = true;
                  props.onSelect(p.id);
                }}
                onTap={(e) => {
                  e.cancelBubble = true;
                  props.onSelect(p.id);
                }}
                onDragEnd={(e) => props.onMove?.(p.id, e.target.x() / w, e.target.y() / h)}
              >
                <Circle radius={p.id === props.selectedId ? 11 : 9} fill={p.id === props.selectedId ? '#b3261e' : '#0b5d57'} stroke="#fff" strokeWidth={2} />
                <Text text={String(props.points.indexOf(p) + 1)} fontSize={10} fontStyle="bold" fill="#fff" width={20} height={20} offsetX={10} offsetY={5} align="center" listening={false} />
              </Group>
            ))}
          </Layer>
        </Stage>
      </div>
    </div>
  );
}

const VIEW_NAMES: Record<MapView, string> = {
  front: 'Face map, front',
  left: 'Face map, left profile',
  right: 'Face map, right profile',
  'body-front': 'Body map, front',
  'body-back': 'Body map, back',
};

const LINE = { stroke: '#6b6f76', strokeWidth: 2, lineCap: 'round' as const, lineJoin: 'round' as const, listening: false };
const SKIN = { fill: '#f6efe9', stroke: '#6b6f76', strokeWidth: 2 };

function Outline({ view, w, h }: { view: MapView; w: number; h: number }) {
  switch (view) {
    case 'front':
      return <Face w={w} h={h} />;
    case 'left':
    case 'right':
      return <Profile w={w} h={h} facing={view} />;
    default:
      return <Body w={w} h={h} back={view === 'body-back'} />;
  }
}

/** A face in a few strokes: outline, brows, eyes, nose, lips, ears. */
function Face({ w, h }: { w: number; h: number }) {
  const x = (f: number) => f * w;
  const y = (f: number) => f * h;
  return (
    <Group>
      <Ellipse name="face" x={x(0.5)} y={y(0.47)} radiusX={x(0.36)} radiusY={y(0.43)} {...SKIN} />
      <Ellipse x={x(0.12)} y={y(0.45)} radiusX={x(0.035)} radiusY={y(0.07)} {...LINE} />
      <Ellipse x={x(0.88)} y={y(0.45)} radiusX={x(0.035)} radiusY={y(0.07)} {...LINE} />
      <Line points={[x(0.3), y(0.33), x(0.38), y(0.31), x(0.45), y(0.33)]} tension={0.4} {...LINE} />
      <Line points={[x(0.55), y(0.33), x(0.62), y(0.31), x(0.7), y(0.33)]} tension={0.4} {...LINE} />
      <Ellipse x={x(0.38)} y={y(0.4)} radiusX={x(0.06)} radiusY={y(0.022)} {...LINE} />
      <Ellipse x={x(0.62)} y={y(0.4)} radiusX={x(0.06)} radiusY={y(0.022)} {...LINE} />
      <Line points={[x(0.5), y(0.42), x(0.47), y(0.55), x(0.5), y(0.57), x(0.53), y(0.55)]} tension={0.3} {...LINE} />
      <Line points={[x(0.4), y(0.68), x(0.45), y(0.66), x(0.5), y(0.67), x(0.55), y(0.66), x(0.6), y(0.68)]} tension={0.4} {...LINE} />
      <Line points={[x(0.4), y(0.68), x(0.5), y(0.72), x(0.6), y(0.68)]} tension={0.5} {...LINE} />
    </Group>
  );
}

/** A head in profile, facing left or right: skull, brow, nose, lips, chin, jaw, ear and eye. */
function Profile({ w, h, facing }: { w: number; h: number; facing: 'left' | 'right' }) {
  // Drawn facing left; the right profile is its mirror.
  const x = (f: number) => (facing === 'left' ? f : 1 - f) * w;
  const y = (f: number) => f * h;
  const head = [0.62, 0.05, 0.36, 0.06, 0.24, 0.16, 0.22, 0.3, 0.18, 0.4, 0.2, 0.46, 0.15, 0.55, 0.21, 0.58, 0.2, 0.64, 0.23, 0.67, 0.21, 0.7, 0.24, 0.74, 0.25, 0.8,
    0.34, 0.86, 0.5, 0.84, 0.6, 0.76, 0.7, 0.7, 0.74, 0.95, 0.86, 0.95, 0.84, 0.6, 0.86, 0.3, 0.78, 0.12];
  return (
    <Group>
      <Line name="face" points={head.map((f, i) => (i % 2 === 0 ? x(f) : y(f)))} closed tension={0.35} {...SKIN} />
      <Ellipse x={x(0.62)} y={y(0.45)} radiusX={w * 0.045} radiusY={y(0.07)} {...LINE} />
      <Line points={[x(0.28), y(0.36), x(0.35), y(0.35), x(0.4), y(0.37)]} tension={0.4} {...LINE} />
      <Line points={[x(0.3), y(0.41), x(0.36), y(0.4)]} {...LINE} />
    </Group>
  );
}

/** A body from the front or the back: head, neck, trunk, arms and legs. */
function Body({ w, h, back }: { w: number; h: number; back: boolean }) {
  const x = (f: number) => f * w;
  const y = (f: number) => f * h;
  const outline = [0.44, 0.12, 0.44, 0.15, 0.28, 0.18, 0.2, 0.3, 0.14, 0.52, 0.19, 0.53, 0.26, 0.33, 0.3, 0.5, 0.29, 0.56, 0.32, 0.97, 0.45, 0.97, 0.49, 0.6,
    0.51, 0.6, 0.55, 0.97, 0.68, 0.97, 0.71, 0.56, 0.7, 0.5, 0.74, 0.33, 0.81, 0.53, 0.86, 0.52, 0.8, 0.3, 0.72, 0.18, 0.56, 0.15, 0.56, 0.12];
  return (
    <Group>
      <Line name="face" points={outline.map((f, i) => (i % 2 === 0 ? x(f) : y(f)))} closed tension={0.2} {...SKIN} />
      <Ellipse name="face" x={x(0.5)} y={y(0.07)} radiusX={x(0.08)} radiusY={y(0.055)} {...SKIN} />
      {back ? (
        <Line points={[x(0.5), y(0.17), x(0.5), y(0.5)]} dash={[4, 6]} {...LINE} />
      ) : (
        <Line points={[x(0.42), y(0.27), x(0.5), y(0.3), x(0.58), y(0.27)]} tension={0.4} {...LINE} />
      )}
    </Group>
  );
}
