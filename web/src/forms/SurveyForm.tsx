import 'survey-core/survey-core.css';
import type { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import './forms.css';

/**
 * Renders a SurveyJS model (the patient's page and the builder's preview). This module carries SurveyJS and its CSS:
 * import it lazily so only the pages that show a form load them.
 */
export default function SurveyForm({ model }: { model: Model }) {
  return (
    <div className="survey-form">
      <Survey model={model} />
    </div>
  );
}
