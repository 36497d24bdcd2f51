import type Konva from 'konva';
import { useEffect, useRef, useState } from 'react';
import { Circle, Ellipse, Group, Layer, Line, Stage, Text } from 'react-konva';
import type { InjectionPoint } from '../api/charts';

/** The drawing's proportions: a face is taller than it is wide. */
const ASPECT = 1.25;

interface Props {
  points: InjectionPoint[];
  selectedId: string | null;
  /** A tap on the face, as fractions of the drawing's width and height. */
  onPlace?: (x: number, y: number) => void;
  onMove?: (id: string, x: number, y: number) => void;
  onSelect: (id: string | null) => void;
  readOnly: boolean;
}

/**
 * The face, drawn in vectors (no picture to load), with the chart's injection points on it. Tap to place a point,
 * drag one to move it, tap one to choose it; two fingers pinch to zoom. The canvas is for the hand; the table beside it
 * lists and edits the same points for the keyboard and screen readers.
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

  const height = width * ASPECT;
  const w = width;
  const h = height;

  const fraction = (stage: Konva.Stage) => {
    const pos = stage.getRelativePointerPosition();
    return pos ? { x: pos.x / w, y: pos.y / h } : null;
  };

  const onStageTap = (e: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
    if (props.readOnly || (e.target !== e.target.getStage() && e.target.name() !== 'face')) return;
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
        aria-label={`Face map with ${props.points.length} injection ${props.points.length === 1 ? 'point' : 'points'}${props.readOnly ? '' : '. Tap the face to place a point; drag a point to move it.'}`}
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
            <Face w={w} h={h} />
            {props.points.map((p, i) => (
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
                <Text text={String(i + 1)} fontSize={10} fontStyle="bold" fill="#fff" width={20} height={20} offsetX={10} offsetY={5} align="center" listening={false} />
              </Group>
            ))}
          </Layer>
        </Stage>
      </div>
    </div>
  );
}

/** A face in a few strokes: outline, brows, eyes, nose, lips, ears. */
function Face({ w, h }: { w: number; h: number }) {
  const line = { stroke: '#6b6f76', strokeWidth: 2, lineCap: 'round' as const, lineJoin: 'round' as const, listening: false };
  const x = (f: number) => f * w;
  const y = (f: number) => f * h;
  return (
    <Group>
      <Ellipse name="face" x={x(0.5)} y={y(0.47)} radiusX={x(0.36)} radiusY={y(0.43)} fill="#f6efe9" stroke="#6b6f76" strokeWidth={2} />
      <Ellipse x={x(0.12)} y={y(0.45)} radiusX={x(0.035)} radiusY={y(0.07)} {...line} />
      <Ellipse x={x(0.88)} y={y(0.45)} radiusX={x(0.035)} radiusY={y(0.07)} {...line} />
      <Line points={[x(0.3), y(0.33), x(0.38), y(0.31), x(0.45), y(0.33)]} tension={0.4} {...line} />
      <Line points={[x(0.55), y(0.33), x(0.62), y(0.31), x(0.7), y(0.33)]} tension={0.4} {...line} />
      <Ellipse x={x(0.38)} y={y(0.4)} radiusX={x(0.06)} radiusY={y(0.022)} {...line} />
      <Ellipse x={x(0.62)} y={y(0.4)} radiusX={x(0.06)} radiusY={y(0.022)} {...line} />
      <Line points={[x(0.5), y(0.42), x(0.47), y(0.55), x(0.5), y(0.57), x(0.53), y(0.55)]} tension={0.3} {...line} />
      <Line points={[x(0.4), y(0.68), x(0.45), y(0.66), x(0.5), y(0.67), x(0.55), y(0.66), x(0.6), y(0.68)]} tension={0.4} {...line} />
      <Line points={[x(0.4), y(0.68), x(0.5), y(0.72), x(0.6), y(0.68)]} tension={0.5} {...line} />
    </Group>
  );
}
