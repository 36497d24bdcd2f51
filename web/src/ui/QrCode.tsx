import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of `value` as an SVG data-URL image (crisp at any size, no canvas needed). */
export function QrCode({ value, alt = 'Check-in code', size = 192 }: { value: string; alt?: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let alive = true;
    setSrc(null);
    setFailed(false);
    QRCode.toString(value, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }).then(
      (svg) => alive && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, [value]);

  if (failed) return <p className="muted">The QR code could not be drawn; show the code below instead.</p>;
  if (!src) return <div className="qr qr--loading" style={{ width: size, height: size }} aria-hidden="true" />;
  return <img className="qr" src={src} alt={alt} width={size} height={size} />;
}
