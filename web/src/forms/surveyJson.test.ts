import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import type { FormContent, FormField } from '../api/forms';
import { LEGAL_TEXT_BLOCK, MAX_FILE_BYTES, questionOfErrorPath, SIGNER_QUESTION, signerNameOf, toAnswers, toSurveyJson } from './surveyJson';

const field = (f: Partial<FormField> & Pick<FormField, 'id' | 'type'>): FormField => ({
  label: f.id,
  required: false,
  options: [],
  help: null,
  visibleIf: null,
  ...f,
});

const consent: FormContent = {
  name: 'Dermal filler consent',
  description: 'Read before your filler treatment.',
  kind: 'consent',
  legalText: 'I understand <the> risks.\n\nSecond paragraph.',
  expirationMonths: 12,
  sections: [
    {
      title: 'About you',
      fields: [
        field({ id: 'sexAtBirth', type: 'choice', label: 'Sex assigned at birth', required: true, options: ['Female', 'Male', 'Intersex'] }),
        field({ id: 'pregnant', type: 'yesNo', label: 'Are you pregnant?', required: true, visibleIf: { fieldId: 'sexAtBirth', equals: 'Female' } }),
        field({ id: 'dueDate', type: 'date', label: 'Due date', required: true, visibleIf: { fieldId: 'pregnant', equals: 'yes' } }),
        field({ id: 'age', type: 'number', label: 'Age', help: 'In years' }),
      ],
    },
    {
      title: 'History',
      fields: [
        field({ id: 'conditions', type: 'multiChoice', label: 'Conditions', options: ['Diabetes', "Crohn's", 'None'] }),
        field({ id: 'diabetesNotes', type: 'longText', label: 'Tell us more', required: true, visibleIf: { fieldId: 'conditions', equals: 'Diabetes' } }),
        field({ id: 'photo', type: 'file', label: 'Photo of the area' }),
        field({ id: 'initials', type: 'initials', label: 'Initials' }),
        field({ id: 'signature', type: 'signature', label: 'Signature', required: true }),
      ],
    },
  ],
};

type Q = Record<string, unknown>;
const questions = (json: Q) => (json.pages as { elements: Q[] }[]).flatMap((p) => p.elements);
const question = (json: Q, name: string) => questions(json).find((q) => q.name === name)!;

describe('toSurveyJson', () => {
  it('makes one page per section, the legal text escaped at the top of the first', () => {
    const json = toSurveyJson(consent);
    const pages = json.pages as { title: string; elements: Q[] }[];
    expect(pages.map((p) => p.title)).toEqual(['About you', 'History']);
    expect(pages[0].elements[0]).toMatchObject({ type: 'html', name: LEGAL_TEXT_BLOCK });
    expect(pages[0].elements[0].html).toBe('<div class="form-legal-text"><p>I understand &lt;the&gt; risks.</p><p>Second paragraph.</p></div>');
    expect(json.title).toBeUndefined();
  });

  it('maps each field type to its SurveyJS question', () => {
    const json = toSurveyJson(consent);
    expect(question(json, 'sexAtBirth')).toMatchObject({ type: 'radiogroup', isRequired: true, choices: ['Female', 'Male', 'Intersex'] });
    expect(question(json, 'pregnant')).toMatchObject({
      type: 'radiogroup',
      choices: [
        { value: 'yes', text: 'Yes' },
        { value: 'no', text: 'No' },
      ],
    });
    expect(question(json, 'dueDate')).toMatchObject({ type: 'text', inputType: 'date' });
    expect(question(json, 'age')).toMatchObject({ type: 'text', inputType: 'number', description: 'In years' });
    expect(question(json, 'age').isRequired).toBeUndefined();
    expect(question(json, 'conditions')).toMatchObject({ type: 'checkbox' });
    expect(question(json, 'diabetesNotes')).toMatchObject({ type: 'comment', maxLength: 4000 });
    expect(question(json, 'photo')).toMatchObject({ type: 'file', storeDataAsText: true, maxSize: MAX_FILE_BYTES, acceptedTypes: expect.stringContaining('application/pdf') });
    const signature = question(json, 'signature');
    const initials = question(json, 'initials');
    expect(signature).toMatchObject({ type: 'signaturepad', dataFormat: 'png', isRequired: true });
    expect(initials).toMatchObject({ type: 'signaturepad', dataFormat: 'png' });
    expect(initials.signatureWidth as number).toBeLessThan(signature.signatureWidth as number);
  });

  it('writes conditions as SurveyJS expressions, a chain carrying its parents', () => {
    const json = toSurveyJson(consent);
    expect(question(json, 'sexAtBirth').visibleIf).toBeUndefined();
    expect(question(json, 'pregnant').visibleIf).toBe("{sexAtBirth} = 'Female'");
    expect(question(json, 'dueDate').visibleIf).toBe("{sexAtBirth} = 'Female' and {pregnant} = 'yes'");
    expect(question(json, 'diabetesNotes').visibleIf).toBe("{conditions} contains 'Diabetes'");
  });

  it('adds the signer’s name at the end only when asked', () => {
    expect(questions(toSurveyJson(consent)).some((q) => q.name === SIGNER_QUESTION)).toBe(false);
    const json = toSurveyJson(consent, { signer: true });
    const last = (json.pages as { elements: Q[] }[])[1].elements.at(-1)!;
    expect(last).toMatchObject({ name: SIGNER_QUESTION, title: 'Your full name', isRequired: true });
  });

  it('in SurveyJS, a hidden required field is neither shown nor required; shown, it is', () => {
    const survey = new Model(toSurveyJson(consent));
    const pregnant = survey.getQuestionByName('pregnant');
    const dueDate = survey.getQuestionByName('dueDate');
    survey.setValue('sexAtBirth', 'Male');
    expect(pregnant.isVisible).toBe(false);
    expect(survey.pages[0].validate(false)).toBe(true);

    survey.setValue('sexAtBirth', 'Female');
    expect(pregnant.isVisible).toBe(true);
    expect(survey.pages[0].validate(false)).toBe(false);
    survey.setValue('pregnant', 'yes');
    expect(dueDate.isVisible).toBe(true);
    survey.setValue('dueDate', '2027-03-01');
    expect(survey.pages[0].validate(false)).toBe(true);

    // The answer that showed the due date is changed: the due date hides, though its value is kept in the survey.
    survey.setValue('sexAtBirth', 'Male');
    expect(dueDate.isVisible).toBe(false);
    const notes = survey.getQuestionByName('diabetesNotes');
    survey.setValue('conditions', ['None']);
    expect(notes.isVisible).toBe(false);
    survey.setValue('conditions', ['None', 'Diabetes']);
    expect(notes.isVisible).toBe(true);
  });

  it('quotes a value that has an apostrophe so SurveyJS still matches it', () => {
    const content: FormContent = {
      ...consent,
      sections: [
        {
          title: '',
          fields: [
            field({ id: 'c', type: 'choice', options: ["Crohn's", 'Other'] }),
            field({ id: 'd', type: 'text', visibleIf: { fieldId: 'c', equals: "Crohn's" } }),
          ],
        },
      ],
    };
    const survey = new Model(toSurveyJson(content));
    survey.setValue('c', "Crohn's");
    expect(survey.getQuestionByName('d').isVisible).toBe(true);
    survey.setValue('c', 'Other');
    expect(survey.getQuestionByName('d').isVisible).toBe(false);
  });
});

describe('toAnswers', () => {
  it('types each answer as the contract says and leaves out what is not a field', () => {
    const answers = toAnswers(consent, {
      sexAtBirth: 'Female',
      pregnant: 'no',
      age: '34',
      conditions: ['Diabetes'],
      diabetesNotes: ' Type 2 ',
      photo: [{ name: 'a.png', type: 'image/png', content: 'data:image/png;base64,AAAA' }],
      signature: 'data:image/png;base64,SIG',
      [SIGNER_QUESTION]: 'Jane Doe',
    });
    expect(answers).toEqual({
      sexAtBirth: 'Female',
      pregnant: 'no',
      age: 34,
      conditions: ['Diabetes'],
      diabetesNotes: 'Type 2',
      photo: 'data:image/png;base64,AAAA',
      signature: 'data:image/png;base64,SIG',
    });
  });

  it('drops the answers of hidden fields, down the chain, and empty answers', () => {
    const answers = toAnswers(consent, {
      sexAtBirth: 'Male',
      pregnant: 'yes',
      dueDate: '2027-03-01',
      age: 41,
      conditions: ['None'],
      diabetesNotes: 'left from before',
      initials: '',
    });
    expect(answers).toEqual({ sexAtBirth: 'Male', age: 41, conditions: ['None'] });
  });

  it('reads the answers of a real SurveyJS model', () => {
    const survey = new Model(toSurveyJson(consent, { signer: true }));
    survey.setValue('sexAtBirth', 'Female');
    survey.setValue('pregnant', 'yes');
    survey.setValue('dueDate', '2027-03-01');
    survey.setValue('age', 29);
    survey.setValue('signature', 'data:image/png;base64,SIG');
    survey.setValue(SIGNER_QUESTION, '  Jane Doe ');
    expect(toAnswers(consent, survey.data)).toEqual({
      sexAtBirth: 'Female',
      pregnant: 'yes',
      dueDate: '2027-03-01',
      age: 29,
      signature: 'data:image/png;base64,SIG',
    });
    expect(signerNameOf(survey.data)).toBe('Jane Doe');
  });
});

describe('questionOfErrorPath', () => {
  const ids = ['pregnant', 'Q1'];
  it('finds the question a server error names', () => {
    expect(questionOfErrorPath('signerName', ids)).toBe(SIGNER_QUESTION);
    expect(questionOfErrorPath('answers.pregnant', ids)).toBe('pregnant');
    expect(questionOfErrorPath("answers['pregnant']", ids)).toBe('pregnant');
    expect(questionOfErrorPath('answers[pregnant]', ids)).toBe('pregnant');
    expect(questionOfErrorPath('answers.q1', ids)).toBe('Q1');
    expect(questionOfErrorPath('pregnant', ids)).toBe('pregnant');
  });
  it('names none for anything else', () => {
    expect(questionOfErrorPath('version', ids)).toBeNull();
    expect(questionOfErrorPath('answers.unknown', ids)).toBeNull();
    expect(questionOfErrorPath('answers', ids)).toBeNull();
  });
});
