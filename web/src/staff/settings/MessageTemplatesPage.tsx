import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router-dom';
import { z } from 'zod';
import { problemOf } from '../../api/errors';
import { messageTemplatesApi, type MessageKindInfo, type MessageTemplates, type TemplateChannel, type TemplatePreview } from '../../api/messageTemplates';
import { queryKeys } from '../../api/queries';
import { useApiQuery } from '../../api/useApiQuery';
import { useApi } from '../../auth/AuthContext';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { CheckboxField, TextAreaField, TextField } from '../../ui/Field';
import { schemaResolver } from '../../ui/form';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useSettingsDocument } from './useSettingsDocument';

/** A text is at most three messages (the API's limit too). */
const SMS_LIMIT = 459;
const VARIABLE = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const key = (language: string, kind: string, channel: TemplateChannel) => `${language}__${kind}__${channel}`;

type Words = { subject?: string; body?: string };
type TemplatesForm = { languages: string; birthdayGreetings: boolean; words: Record<string, Words> };

function unknownIn(text: string, known: string[]): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]).filter((v) => !known.includes(v)))];
}

function schemaFor(catalog: MessageKindInfo[]) {
  return z
    .object({
      languages: z.string().superRefine((text, ctx) => {
        const tags = text.split(',').map((l) => l.trim()).filter(Boolean);
        if (tags.length < 1 || tags.length > 5) ctx.addIssue({ code: 'custom', message: 'One to five languages.' });
        else if (tags.some((t) => !/^[a-z]{2,3}(-[A-Z]{2})?$/.test(t))) ctx.addIssue({ code: 'custom', message: 'Language tags such as en, es or fr-CA.' });
      }),
      birthdayGreetings: z.boolean(),
      words: z.record(z.string(), z.object({ subject: z.string().optional(), body: z.string().optional() })),
    })
    .superRefine((v, ctx) => {
      for (const [k, w] of Object.entries(v.words)) {
        const [, kind, channel] = k.split('__');
        const info = catalog.find((c) => c.kind === kind);
        const body = w.body ?? '';
        const subject = w.subject ?? '';
        if (!info || !body.trim()) continue;
        const unknown = [...new Set([...unknownIn(body, info.variables), ...unknownIn(subject, info.variables)])];
        if (unknown.length) ctx.addIssue({ code: 'custom', path: ['words', k, 'body'], message: `Unknown: ${unknown.map((u) => `{{${u}}}`).join(', ')}.` });
        if (channel === 'sms' && body.length > SMS_LIMIT) ctx.addIssue({ code: 'custom', path: ['words', k, 'body'], message: `At most ${SMS_LIMIT} characters (three texts).` });
        if (channel === 'email' && !subject.trim()) ctx.addIssue({ code: 'custom', path: ['words', k, 'subject'], message: 'An email needs a subject.' });
      }
    });
}

function toForm(t: MessageTemplates): TemplatesForm {
  const words: Record<string, Words> = {};
  for (const x of t.templates) words[key(x.language, x.kind, x.channel)] = { subject: x.subject ?? '', body: x.body };
  return { languages: t.languages.join(', '), birthdayGreetings: t.birthdayGreetings ?? false, words };
}

function fromForm(f: TemplatesForm): MessageTemplates {
  const languages = f.languages.split(',').map((l) => l.trim()).filter(Boolean);
  const templates = Object.entries(f.words)
    .filter(([k, w]) => (w.body ?? '').trim() && languages.includes(k.split('__')[0]))
    .map(([k, w]) => {
      const [language, kind, channel] = k.split('__') as [string, MessageTemplates['templates'][number]['kind'], TemplateChannel];
      return { kind, channel, language, subject: channel === 'email' ? (w.subject ?? '').trim() : null, body: (w.body ?? '').trim() };
    });
  return { languages, templates, birthdayGreetings: f.birthdayGreetings };
}

/**
 * Admin only: the clinic's own words for each kind of message, per channel and language. An empty box keeps MedSpa's
 * words (shown under it); the variables each kind knows are listed beside it, and a preview fills them with
 * sample values. Patients are written to in the clinic's first language.
 */
export function MessageTemplatesPage() {
  useDocumentTitle('Messages to patients');
  const catalog = useApiQuery(queryKeys.messageCatalog, messageTemplatesApi.catalog, { staleTime: Infinity });
  const settings = useSettingsDocument<MessageTemplates>({ path: '/api/clinic/message-templates', queryKey: queryKeys.messageTemplates });

  if (catalog.isPending || (!settings.loaded && !settings.loadProblem)) return <Loading label="Loading the messages…" />;
  if (catalog.isError) return <LoadProblem error={catalog.error} retry={() => void catalog.refetch()} />;
  if (!settings.loaded) return <ProblemAlert problem={settings.loadProblem!} />;
  return <TemplatesForm catalog={catalog.data} settings={settings} />;
}

function TemplatesForm({ catalog, settings }: { catalog: MessageKindInfo[]; settings: ReturnType<typeof useSettingsDocument<MessageTemplates>> }) {
  const schema = useMemo(() => schemaFor(catalog), [catalog]);
  const form = useForm<TemplatesForm>({ values: toForm(settings.loaded!.body), resolver: schemaResolver(schema), reValidateMode: 'onSubmit' });
  const typedLanguages = useWatch({ control: form.control, name: 'languages' });
  const languages = useMemo(() => (typedLanguages ?? '').split(',').map((l) => l.trim()).filter(Boolean), [typedLanguages]);
  const [chosen, setChosen] = useState('');
  const language = languages.includes(chosen) ? chosen : (languages[0] ?? 'en');
  const onSubmit = form.handleSubmit((v) => settings.save(fromForm(v), form.setError), settings.clearDone);

  return (
    <section aria-labelledby="templates-h" className="settings-page">
      <p>
        <Link to="/staff/settings">Clinic settings</Link>
      </p>
      <h1 id="templates-h">Messages to patients</h1>
      <p className="muted">Write your own words for each message. An empty box sends MedSpa’s words, shown under it. Patients are written to in your first language.</p>
      {settings.problem && <ProblemAlert problem={settings.problem} />}
      {settings.done && <StatusMessage>{settings.done}</StatusMessage>}
      <FormProvider {...form}>
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={settings.saving}>
          <TextField name="languages" label="Languages" hint="Language tags, the one patients are written to first: for example en, es." maxLength={40} />
          <CheckboxField
            name="birthdayGreetings"
            label="Wish patients a happy birthday"
            hint="By email on the day, from 10:00, to patients who agreed to marketing emails; never by text."
          />
          {languages.length > 1 && (
            <div className="field">
              <label htmlFor="editing-language">Words in</label>
              <select id="editing-language" value={language} onChange={(e) => setChosen(e.target.value)}>
                {languages.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
          )}
          {catalog.map((info) => (
            <fieldset key={info.kind} className="template-kind">
              <legend>{info.name}</legend>
              <p className="field__hint">Variables: {info.variables.map((v) => `{{${v}}}`).join(' ')}</p>
              <ChannelWords info={info} language={language} channel="email" />
              {info.sms ? <ChannelWords info={info} language={language} channel="sms" /> : <p className="muted">Sent by email only.</p>}
            </fieldset>
          ))}
          <div className="actions actions--sticky">
            <button type="submit" className="btn btn--primary" disabled={settings.saving}>
              {settings.saving ? 'Saving…' : 'Save messages'}
            </button>
          </div>
        </form>
      </FormProvider>
    </section>
  );
}

function ChannelWords({ info, language, channel }: { info: MessageKindInfo; language: string; channel: TemplateChannel }) {
  const api = useApi();
  const k = key(language, info.kind, channel);
  const words = useWatch({ name: `words.${k}` }) as Words | undefined;
  const [shown, setShown] = useState<TemplatePreview | null>(null);
  const preview = useMutation({
    mutationFn: () =>
      messageTemplatesApi.preview(api, {
        kind: info.kind,
        channel,
        subject: channel === 'email' ? words?.subject || info.subject : undefined,
        body: words?.body?.trim() || (channel === 'email' ? info.email : info.sms),
        // MedSpa's words are English; the clinic's own are in the language being edited.
        language: words?.body?.trim() ? language : 'en',
      }),
    onSuccess: setShown,
  });
  const label = channel === 'email' ? 'Email' : 'Text message';
  return (
    <div className="template-channel">
      <h3>
        {label} <span className="muted">({language})</span>
      </h3>
      {channel === 'email' && (
        <TextField name={`words.${k}.subject`} label={`${info.name}: email subject`} hint={`Empty: “${info.subject}”`} maxLength={150} />
      )}
      <TextAreaField
        name={`words.${k}.body`}
        label={`${info.name}: ${channel === 'email' ? 'email' : 'text'}`}
        hint={`Empty: MedSpa’s words, “${channel === 'email' ? info.email : info.sms}”`}
        rows={3}
        maxLength={2000}
      />
      <div className="actions">
        <button type="button" className="btn" onClick={() => preview.mutate()} disabled={preview.isPending}>
          Preview {label.toLowerCase()}
        </button>
      </div>
      {preview.isError && <ProblemAlert problem={problemOf(preview.error)} />}
      {shown && (
        <div className="template-preview" aria-live="polite" aria-label={`${info.name}: ${label.toLowerCase()} preview`} role="region">
          {shown.subject && <p className="template-preview__subject">{shown.subject}</p>}
          <p className="template-preview__body">{shown.body}</p>
          <p className="muted">
            {shown.characters} characters{shown.segments ? ` · ${shown.segments} text${shown.segments > 1 ? 's' : ''}` : ''}
            {shown.unknownVariables.length > 0 ? ` · not known here: ${shown.unknownVariables.map((v) => `{{${v}}}`).join(', ')}` : ''}
          </p>
        </div>
      )}
    </div>
  );
}
