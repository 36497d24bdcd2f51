/** The buttons under a step: the main one (Continue, Book appointment) first, then Back. */
export function StepActions(props: { onContinue?: () => void; continueLabel?: string; onBack: () => void; busy?: boolean }) {
  return (
    <div className="actions">
      {props.onContinue && (
        <button type="button" className="btn btn--primary btn--large" onClick={props.onContinue} disabled={props.busy}>
          {props.continueLabel ?? 'Continue'}
        </button>
      )}
      <button type="button" className="btn" onClick={props.onBack} disabled={props.busy}>
        Back
      </button>
    </div>
  );
}
