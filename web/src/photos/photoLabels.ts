import type { PhotoAngle, PhotoConsent } from '../api/photos';

export const ANGLE_LABELS: Record<PhotoAngle, string> = {
  front: 'Front',
  'left-45': 'Left 45°',
  'right-45': 'Right 45°',
  'left-profile': 'Left profile',
  'right-profile': 'Right profile',
};

export const CONSENT_LABELS: Record<PhotoConsent, string> = {
  none: 'No photo release: medical record only',
  'record-only': 'Release signed: no marketing',
  marketing: 'Marketing use allowed',
};
