import type { AnswerValue, Answers, FormContent, FormField } from '../api/forms';

/**
 * A form's content as SurveyJS reads it (the renderer of the patient's page and the builder's preview), and SurveyJS's
 * data back as the contract's `answers`. Pure: no SurveyJS import here, so both are tested without rendering.
 */

/** The name of the signer's question (a space: never a field id, which is letters, digits, `-` and `_`). */
export const SIGNER_QUESTION = 'signer name';
/** The name of the legal text block at the top of the first page. */
export const LEGAL_TEXT_BLOCK = 'legal text';

/** The longest answers the API takes: a short text, a long text. */
export const MAX_TEXT = 500;
export const MAX_LONG_TEXT = 4000;

/** The files a patient may attach: photos and PDFs (what the API takes). */
export const FILE_TYPES = 'image/png,image/jpeg,image/webp,image/heic,application/pdf';

/** Largest file a patient may attach (the contract: a data URL of at most 700 kB). */
export const MAX_FILE_BYTES = 700 * 1024;

export interface SurveyJsonOptions {
  /** Adds a required "Your full name" question at the end (the patient's page; the builder's preview too). */
  signer?: boolean;
  /** The text of the last page's button. */
  completeText?: string;
}

type Json = Record<string, unknown>;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A value in a SurveyJS expression: in single quotes, a single quote in it escaped with a backslash. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "\\'")}'`;
}

/**
 * The SurveyJS `visibleIf` of every conditional field. A field shows when its condition holds and the field it
 * depends on shows too, so the expression carries the whole chain (a hidden field's kept value never shows another).
 */
function visibilityExpressions(content: FormContent): Map<string, string> {
  const byId = new Map<string, FormField>();
  const out = new Map<string, string>();
  for (const section of content.sections) {
    for (const field of section.fields) {
      const cond = field.visibleIf;
      const parent = cond ? byId.get(cond.fieldId) : undefined;
      if (cond && parent) {
        const own =
          parent.type === 'multiChoice' ? `{${cond.fieldId}} contains ${literal(cond.equals)}` : `{${cond.fieldId}} = ${literal(cond.equals)}`;
        const parentExpr = out.get(parent.id);
        out.set(field.id, parentExpr ? `${parentExpr} and ${own}` : own);
      }
      byId.set(field.id, field);
    }
  }
  return out;
}

function questionOf(field: FormField, visibleIf: string | undefined): Json {
  const q: Json = { name: field.id, title: field.label || field.id };
  if (field.required) q.isRequired = true;
  if (field.help) q.description = field.help;
  if (visibleIf) q.visibleIf = visibleIf;
  switch (field.type) {
    case 'text':
      return { type: 'text', ...q, maxLength: MAX_TEXT };
    case 'longText':
      return { type: 'comment', ...q, maxLength: MAX_LONG_TEXT };
    case 'choice':
      return { type: 'radiogroup', ...q, choices: field.options };
    case 'multiChoice':
      return { type: 'checkbox', ...q, choices: field.options };
    case 'date':
      return { type: 'text', ...q, inputType: 'date' };
    case 'number':
      return { type: 'text', ...q, inputType: 'number' };
    case 'yesNo':
      return {
        type: 'radiogroup',
        ...q,
        choices: [
          { value: 'yes', text: 'Yes' },
          { value: 'no', text: 'No' },
        ],
        colCount: 2,
      };
    case 'signature':
      return { type: 'signaturepad', ...q, dataFormat: 'png', signatureWidth: 600, signatureHeight: 200, penColor: '#1a1a1a' };
    case 'initials':
      return { type: 'signaturepad', ...q, dataFormat: 'png', signatureWidth: 240, signatureHeight: 120, penColor: '#1a1a1a' };
    case 'file':
      return { type: 'file', ...q, storeDataAsText: true, maxSize: MAX_FILE_BYTES, allowMultiple: false, waitForUpload: true, acceptedTypes: FILE_TYPES };
    default:
      return { type: 'text', ...q };
  }
}

/** One page per section; the legal text at the top of the first page; the signer's name at the end if asked. */
export function toSurveyJson(content: FormContent, options: SurveyJsonOptions = {}): Json {
  const visibility = visibilityExpressions(content);
  const pages: Json[] = content.sections.map((section, i) => ({
    name: `section-${i + 1}`,
    title: section.title || undefined,
    elements: section.fields.map((f) => questionOf(f, visibility.get(f.id))),
  }));
  if (pages.length === 0) pages.push({ name: 'section-1', elements: [] });
  const first = pages[0].elements as Json[];
  if (content.legalText?.trim()) {
    const paragraphs = content.legalText
      .trim()
      .split(/\n\s*\n/)
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
      .join('');
    first.unshift({ type: 'html', name: LEGAL_TEXT_BLOCK, html: `<div class="form-legal-text">${paragraphs}</div>` });
  }
  if (options.signer) {
    (pages[pages.length - 1].elements as Json[]).push({
      type: 'text',
      name: SIGNER_QUESTION,
      title: 'Your full name',
      description: 'Typing your name signs this form.',
      isRequired: true,
      maxLength: 200,
      autocomplete: 'name',
    });
  }
  // The page around the survey shows the form's name and description (its own heading): not repeated here.
  return {
    pages,
    showQuestionNumbers: 'off',
    questionErrorLocation: 'bottom',
    clearInvisibleValues: 'none',
    checkErrorsMode: 'onNextPage',
    completeText: options.completeText ?? 'Sign and submit',
    widthMode: 'responsive',
  };
}

/** Whether each field shows for these answers (a field shows when its condition holds and its field shows). */
export function visibleFields(content: FormContent, data: Record<string, unknown>): Set<string> {
  const fields = new Map<string, FormField>();
  const visible = new Set<string>();
  for (const section of content.sections) {
    for (const field of section.fields) {
      const cond = field.visibleIf;
      const parent = cond ? fields.get(cond.fieldId) : undefined;
      let shows = true;
      if (cond) {
        if (!parent || !visible.has(parent.id)) shows = false;
        else {
          const value = data[parent.id];
          shows = Array.isArray(value) ? value.map(String).includes(cond.equals) : value !== undefined && value !== null && String(value) === cond.equals;
        }
      }
      if (shows) visible.add(field.id);
      fields.set(field.id, field);
    }
  }
  return visible;
}

function answerOf(field: FormField, value: unknown): AnswerValue | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  switch (field.type) {
    case 'number': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      return Number.isFinite(n) ? n : undefined;
    }
    case 'multiChoice': {
      const list = (Array.isArray(value) ? value : [value]).map(String);
      return list.length ? list : undefined;
    }
    case 'file': {
      // SurveyJS keeps files as [{ name, type, content }]; the contract takes the one file's data URL.
      const first = Array.isArray(value) ? value[0] : value;
      if (first && typeof first === 'object' && 'content' in first) {
        const content = (first as { content?: unknown }).content;
        return typeof content === 'string' && content ? content : undefined;
      }
      return typeof first === 'string' && first ? first : undefined;
    }
    case 'yesNo': {
      if (value === true) return 'yes';
      if (value === false) return 'no';
      return String(value);
    }
    default: {
      const s = typeof value === 'string' ? value.trim() : String(value);
      return s ? s : undefined;
    }
  }
}

/**
 * SurveyJS's `survey.data` as the contract's `answers`: one value per answered field that shows, typed as the
 * contract says (numbers as numbers, multiChoice a list, a file its data URL); hidden fields and anything that is
 * not a field (the signer's name) are dropped.
 */
export function toAnswers(content: FormContent, data: Record<string, unknown>): Answers {
  const visible = visibleFields(content, data);
  const answers: Answers = {};
  for (const section of content.sections) {
    for (const field of section.fields) {
      if (!visible.has(field.id)) continue;
      const answer = answerOf(field, data[field.id]);
      if (answer !== undefined) answers[field.id] = answer;
    }
  }
  return answers;
}

/** The signer's name typed in the survey ('' when none). */
export function signerNameOf(data: Record<string, unknown>): string {
  const v = data[SIGNER_QUESTION];
  return typeof v === 'string' ? v.trim() : '';
}

/**
 * The question a server field error belongs to: `signerName` to the signer's, `answers.<id>` (or `answers[<id>]`, or
 * the bare id) to the field's; null when it names no question (the error goes to the alert).
 */
export function questionOfErrorPath(path: string, fieldIds: readonly string[]): string | null {
  if (path.toLowerCase() === 'signername') return SIGNER_QUESTION;
  const m = /^answers(?:\.([^.[\]]+)|\[['"]?([^\]'"]+)['"]?\])/.exec(path);
  const name = m ? (m[1] ?? m[2]) : path;
  // Paths arrive camel-cased (`answers.Q1` as `answers.q1`): match the id whatever its case.
  return fieldIds.find((id) => id.toLowerCase() === name.toLowerCase()) ?? null;
}
