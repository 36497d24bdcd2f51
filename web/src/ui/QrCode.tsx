import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { queryKeys } from '../api/queries';

/** A QR code of `value` as an SVG data-URL image (crisp at any size, no canvas needed); drawn once per value. */
export function QrCode({ value, alt = 'Check-in code', size = 192 }: { value: string; alt?: string; size?: number }) {
  const qr = useQuery({
    queryKey: queryKeys.qrCode(value),
    queryFn: async () => {
      const svg = await QRCode.toString(value, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    },
    staleTime: Infinity,
    retry: false,
  });

  if (qr.isError) return <p className="muted">The QR code could not be drawn; show the code below instead.</p>;
  if (!qr.data) return <div className="qr qr--loading" style={{ width: size, height: size }} aria-hidden="true" />;
  return <img className="qr" src={qr.data} alt={alt} width={size} height={size} />;
}
