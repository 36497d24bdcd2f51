import 'survey-core/survey-core.css';
import type { ITheme, Model } from 'survey-core';
import { useEffect } from 'react';
import { Survey } from 'survey-react-ui';
import './forms.css';

/**
 * Renders a SurveyJS model (the patient's page and the builder's preview). This module carries SurveyJS and its CSS:
 * import it lazily so only the pages that show a form load them.
 */
export default function SurveyForm({ model }: { model: Model }) {
  useEffect(() => model.applyTheme(CLINIC_THEME), [model]);
  return (
    <div className="survey-form">
      <Survey model={model} />
    </div>
  );
}

/** The app's brand colours (styles.css --brand, --brand-dark) in place of SurveyJS's green. */
const CLINIC_THEME: ITheme = {
  cssVariables: {
    '--sjs2-color-bg-brand-primary': '#0b5351',
    '--sjs2-color-border-brand-primary': '#0b5351',
    '--sjs2-color-fg-brand-primary': '#0b5351',
    '--sjs2-color-bg-brand-primary-dim': '#083d3c',
  },
};
