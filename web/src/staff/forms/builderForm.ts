import { z } from 'zod';
import { FIELD_TYPES, FORM_KINDS, hasOptions, needsLegalText, type FieldType, type FormContent, type FormKind } from '../../api/forms';

/**
 * The builder's form values: the content as the admin types it (options one per line, months as typed, a condition
 * as two selects). The paths are the API's (`sections[0].fields[2].label`), so the server's field errors land on the
 * inputs that show them.
 */
export interface BuilderField {
  id: string;
  type: FieldType;
  label: string;
  required: boolean;
  /** One option per line. */
  options: string;
  help: string;
  /** Empty `fieldId`: always shown. */
  visibleIf: { fieldId: string; equals: string };
}

export interface BuilderSection {
  title: string;
  fields: BuilderField[];
}

export interface BuilderForm {
  name: string;
  kind: FormKind;
  description: string;
  legalText: string;
  expirationMonths: string;
  sections: BuilderSection[];
}

export const FIELD_ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** Splits the options box: one per line, trimmed, blank lines left out. */
export function optionLines(text: string): string[] {
  return text
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean);
}

export function toBuilderForm(content: FormContent): BuilderForm {
  return {
    name: content.name ?? '',
    kind: content.kind ?? 'intake',
    description: content.description ?? '',
    legalText: content.legalText ?? '',
    expirationMonths: content.expirationMonths == null ? '' : String(content.expirationMonths),
    sections: (content.sections ?? []).map((s) => ({
      title: s.title ?? '',
      fields: (s.fields ?? []).map((f) => ({
        id: f.id,
        type: f.type,
        label: f.label ?? '',
        required: !!f.required,
        options: (f.options ?? []).join('\n'),
        help: f.help ?? '',
        visibleIf: { fieldId: f.visibleIf?.fieldId ?? '', equals: f.visibleIf?.equals ?? '' },
      })),
    })),
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** The body of a save: the contract's content. */
export function toContent(form: BuilderForm): FormContent {
  const months = form.expirationMonths.trim();
  return {
    name: form.name.trim(),
    description: orNull(form.description),
    kind: form.kind,
    legalText: needsLegalText(form.kind) ? orNull(form.legalText) : null,
    expirationMonths: months ? Number(months) : null,
    sections: form.sections.map((s) => ({
      title: s.title.trim(),
      fields: s.fields.map((f) => ({
        id: f.id.trim(),
        type: f.type,
        label: f.label.trim(),
        required: f.required,
        options: hasOptions(f.type) ? optionLines(f.options) : [],
        help: orNull(f.help),
        visibleIf: f.visibleIf.fieldId && f.visibleIf.equals ? { fieldId: f.visibleIf.fieldId, equals: f.visibleIf.equals } : null,
      })),
    })),
  };
}

/** The fields a condition may name for the field at (section, index): earlier ones with a fixed set of answers. */
export function conditionSources(sections: BuilderSection[], section: number, index: number): BuilderField[] {
  const earlier = sections.flatMap((s, si) => (si < section ? s.fields : si === section ? s.fields.slice(0, index) : []));
  return earlier.filter((f) => f.id.trim() && (hasOptions(f.type) || f.type === 'yesNo'));
}

/** The values a condition on this field may name: its options, or yes and no. */
export function conditionValues(source: BuilderField | undefined): { value: string; label: string }[] {
  if (!source) return [];
  if (source.type === 'yesNo')
    return [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ];
  return optionLines(source.options).map((o) => ({ value: o, label: o }));
}

/** A field id not used yet in the form: field1, field2, … */
export function newFieldId(sections: BuilderSection[]): string {
  const used = new Set(sections.flatMap((s) => s.fields.map((f) => f.id)));
  let n = used.size + 1;
  while (used.has(`field${n}`)) n += 1;
  return `field${n}`;
}

export function newField(sections: BuilderSection[], type: FieldType = 'text'): BuilderField {
  return { id: newFieldId(sections), type, label: '', required: false, options: '', help: '', visibleIf: { fieldId: '', equals: '' } };
}

const fieldSchema = z
  .object({
    id: z.string().regex(FIELD_ID_PATTERN, 'Use 1–40 letters, digits, - or _.'),
    type: z.enum(FIELD_TYPES),
    label: z.string().trim().min(1, 'Enter the question.').max(500, 'At most 500 characters.'),
    required: z.boolean(),
    options: z.string(),
    help: z.string().max(1000, 'At most 1000 characters.'),
    visibleIf: z.object({ fieldId: z.string(), equals: z.string() }),
  })
  .superRefine((f, ctx) => {
    if (!hasOptions(f.type)) return;
    const options = optionLines(f.options);
    if (options.length < 2 || options.length > 30) ctx.addIssue({ code: 'custom', path: ['options'], message: 'List 2 to 30 options, one per line.' });
    else if (new Set(options).size !== options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Each option once.' });
  })
  .superRefine((f, ctx) => {
    if (f.visibleIf.fieldId && !f.visibleIf.equals) ctx.addIssue({ code: 'custom', path: ['visibleIf', 'equals'], message: 'Choose the answer that shows it.' });
  });

/** What the builder checks before saving (the API checks it all again). */
export const builderSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter the form’s name.').max(200, 'At most 200 characters.'),
    kind: z.enum(FORM_KINDS),
    description: z.string().max(2000, 'At most 2000 characters.'),
    legalText: z.string(),
    expirationMonths: z.string().regex(/^\s*(\d{1,3})?\s*$/, 'Enter a whole number of months, or leave it empty.'),
    sections: z.array(z.object({ title: z.string().max(200, 'At most 200 characters.'), fields: z.array(fieldSchema) })).min(1, 'Add a section.'),
  })
  .superRefine((form, ctx) => {
    const months = form.expirationMonths.trim();
    if (months && (Number(months) < 1 || Number(months) > 120))
      ctx.addIssue({ code: 'custom', path: ['expirationMonths'], message: 'Between 1 and 120 months, or empty for never.' });
    if (needsLegalText(form.kind) && !form.legalText.trim())
      ctx.addIssue({ code: 'custom', path: ['legalText'], message: 'A consent or photo release needs its legal text.' });
    const seen = new Set<string>();
    form.sections.forEach((s, si) =>
      s.fields.forEach((f, fi) => {
        if (seen.has(f.id)) ctx.addIssue({ code: 'custom', path: ['sections', si, 'fields', fi, 'id'], message: 'Another field has this id.' });
        seen.add(f.id);
      }),
    );
    if (needsLegalText(form.kind) && !form.sections.some((s) => s.fields.some((f) => f.type === 'signature' && f.required)))
      ctx.addIssue({ code: 'custom', path: ['sections'], message: 'A consent or photo release needs a required signature field.' });
  });
