import type { Me } from '../api/types';
import { ROLE_LABELS } from '../auth/roles';

export function UserBadge({ me }: { me: Me }) {
  return (
    <p className="user-badge">
      <span className="sr-only">Signed in as </span>
      <span className="user-badge__name">{me.displayName || me.email}</span>{' '}
      <span className="badge">{ROLE_LABELS[me.role] ?? me.role}</span>
    </p>
  );
}
