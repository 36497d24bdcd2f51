import { useEffect, useState } from 'react';
import { Model } from 'survey-core';
import type { FormContent } from '../../api/forms';
import SurveyForm from '../../forms/SurveyForm';
import { toSurveyJson } from '../../forms/surveyJson';

/**
 * The builder's "Preview on a phone": the content as the patient will see it, rendered by the same SurveyJS renderer
 * in a phone-wide frame. Nothing is sent: completing it only says so.
 */
export default function FormPreview({ content }: { content: FormContent }) {
  const [model] = useState(() => new Model(toSurveyJson(content, { signer: true })));
  const [tried, setTried] = useState(false);
  useEffect(() => {
    const onCompleting = (_: Model, options: { allow: boolean }) => {
      options.allow = false;
      setTried(true);
    };
    model.onCompleting.add(onCompleting);
    return () => model.onCompleting.remove(onCompleting);
  }, [model]);

  return (
    <div className="phone-frame" aria-label="Phone-sized preview" role="region">
      <h2 className="phone-frame__title">{content.name || 'Untitled form'}</h2>
      {content.description && <p>{content.description}</p>}
      {tried && (
        <p className="alert alert--success" role="status">
          This is a preview: nothing was sent.
        </p>
      )}
      <SurveyForm model={model} />
    </div>
  );
}
