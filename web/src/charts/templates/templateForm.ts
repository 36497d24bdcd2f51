import { z } from 'zod';
import type { ChartField, ChartTemplate, ChartTemplateContent } from '../../api/charts';

/**
 * The template editor's values: as the admin types them (options and quick phrases one per line, no smart source as
 * ''). The paths are the API's (`fields[2].label`), so the server's field errors land on the inputs that show them.
 */
export interface TemplateFieldForm {
  id: string;
  label: string;
  type: ChartField['type'];
  options: string;
  default: string;
  quickPhrases: string;
  smart: '' | NonNullable<ChartField['smart']>;
}

export interface TemplateForm {
  name: string;
  treatment: ChartTemplate['treatment'];
  diagram: ChartTemplate['diagram'];
  fields: TemplateFieldForm[];
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export const templateSchema = z.object({
  name: z.string().trim().min(1, 'Name the template.').max(80, 'At most 80 characters.'),
  treatment: z.enum(['soap', 'neurotoxin', 'filler', 'laser', 'peel', 'microneedling', 'iv-therapy']),
  diagram: z.enum(['none', 'face', 'body']),
  fields: z
    .array(
      z
        .object({
          id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/, 'Letters, digits, - and _; starting with a letter; at most 40.'),
          label: z.string().trim().min(1, 'Give the field a label.').max(120, 'At most 120 characters.'),
          type: z.enum(['text', 'long-text', 'choice', 'number']),
          options: z.string(),
          default: z.string().max(2000, 'At most 2,000 characters.'),
          quickPhrases: z.string(),
          smart: z.enum(['', 'allergies', 'last-treatment', 'consent-status']),
        })
        .refine((f) => f.type !== 'choice' || lines(f.options).length >= 2, { message: 'A choice needs at least two options.', path: ['options'] }),
    )
    .min(1, 'Give the template at least one field.')
    .max(60, 'At most 60 fields.')
    .refine((fields) => new Set(fields.map((f) => f.id)).size === fields.length, { message: 'Each field needs its own id.' }),
}) satisfies z.ZodType<TemplateForm>;

/** A field id from its label, for a new field: "Areas treated" → "areasTreated". */
export function idFromLabel(label: string): string {
  const words = label.normalize('NFKD').replace(/[^A-Za-z0-9 ]/g, ' ').trim().split(/\s+/).filter(Boolean);
  const id = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  return /^[a-zA-Z]/.test(id) ? id.slice(0, 40) : `field${id}`.slice(0, 40);
}

export const emptyField = (): TemplateFieldForm => ({ id: '', label: '', type: 'long-text', options: '', default: '', quickPhrases: '', smart: '' });

export function toTemplateForm(t: ChartTemplateContent): TemplateForm {
  return {
    name: t.name,
    treatment: t.treatment,
    diagram: t.diagram,
    fields: t.fields.map((f) => ({
      id: f.id,
      label: f.label,
      type: f.type,
      options: (f.options ?? []).join('\n'),
      default: f.default ?? '',
      quickPhrases: (f.quickPhrases ?? []).join('\n'),
      smart: f.smart ?? '',
    })),
  };
}

export function fromTemplateForm(f: TemplateForm): ChartTemplateContent {
  return {
    name: f.name.trim(),
    treatment: f.treatment,
    diagram: f.diagram,
    fields: f.fields.map((x) => ({
      id: x.id,
      label: x.label.trim(),
      type: x.type,
      options: x.type === 'choice' ? lines(x.options) : null,
      default: x.default.trim() || null,
      quickPhrases: lines(x.quickPhrases).length ? lines(x.quickPhrases) : null,
      smart: x.smart || null,
    })),
  };
}
