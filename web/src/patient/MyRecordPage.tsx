import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '../ui/EmptyState';

/** Said instead of a page about the patient's record when their sign-in is not linked to one: there is nothing to read. */
export function NotLinkedYet() {
  return <EmptyState title="Your account is not linked to a patient record yet." />;
}

/**
 * The frame of a page about the signed-in patient's own record (My details, My forms, My family, Who viewed my
 * record): the way back (to their account unless `back` says otherwise), the title, an intro, then the content, or
 * NotLinkedYet when the account has no record (`linked` false).
 */
export function MyRecordPage(props: { title: string; linked: boolean; back?: { to: string; label: string }; intro?: ReactNode; children: ReactNode }) {
  const back = props.back ?? { to: '/patient', label: 'Back to your account' };
  return (
    <>
      <p className="back-link">
        <Link to={back.to}>{back.label}</Link>
      </p>
      <h1>{props.title}</h1>
      {props.intro}
      {props.linked ? props.children : <NotLinkedYet />}
    </>
  );
}
