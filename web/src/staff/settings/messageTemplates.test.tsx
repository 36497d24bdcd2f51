import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageKindInfo, MessageTemplates } from '../../api/messageTemplates';
import { fakeAuth, json, meFor, mockFetch, renderApp, route } from '../../test/utils';

beforeAll(async () => {
  await import('../StaffRoutes');
});

const catalog: MessageKindInfo[] = [
  {
    kind: 'booking-confirmation', name: 'Booking confirmation', variables: ['firstName', 'clinic', 'link', 'service', 'location', 'when', 'whereAndWhen'],
    subject: "You're booked", email: '{{service}} {{whereAndWhen}} is booked.', sms: '{{clinic}}: You’re booked. {{service}} {{whereAndWhen}}.',
  },
  { kind: 'review-request', name: 'Review request', variables: ['firstName', 'clinic', 'link', 'service'], subject: 'How was your visit?', email: 'Tell us.', sms: 'Tell us.' },
  { kind: 'birthday', name: 'Birthday greeting', variables: ['firstName', 'clinic', 'link'], subject: 'Happy birthday, {{firstName}}!', email: 'Happy birthday.', sms: '' },
];

function handlers(initial: MessageTemplates) {
  let current = initial;
  return [
    route('GET', '/api/clinic/message-templates/catalog', () => json({ items: catalog })),
    route('GET', '/api/clinic/message-templates', () => json(current, { headers: { ETag: '"t1"' } })),
    route('PUT', '/api/clinic/message-templates', (req) => {
      current = req.body as MessageTemplates;
      return json(current, { headers: { ETag: '"t2"' } });
    }),
    route('POST', '/api/clinic/message-templates/preview', (req) => {
      const body = (req.body as { body: string }).body.replace('{{firstName}}', 'Ada').replace('{{service}}', 'Botox – one area');
      return json({ body, characters: body.length, segments: 1, unknownVariables: [] });
    }),
  ];
}

describe('messages to patients', () => {
  it('an admin writes the booking confirmation’s text: an unknown variable is caught on the page, the preview fills the rest, and the save names the version read', async () => {
    const fetch = mockFetch(...handlers({ languages: ['en'], templates: [] }));
    renderApp('/staff/settings/messages', fakeAuth({ me: meFor('admin'), fetch }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Messages to patients' })).toBeInTheDocument();
    const group = screen.getByRole('group', { name: 'Booking confirmation' });
    expect(within(group).getByText(/Variables: \{\{firstName\}\}/)).toBeInTheDocument();
    const text = within(group).getByRole('textbox', { name: 'Booking confirmation: text' });
    expect(within(group).getByText(/Empty: MedSpa’s words, “\{\{clinic\}\}: You’re booked/)).toBeInTheDocument();

    await userEvent.type(text, 'Hi {{{{firstName}}, {{{{service}} is booked. {{{{treatment}}');
    await userEvent.click(screen.getByRole('button', { name: 'Save messages' }));
    expect(await within(group).findByText('Unknown: {{treatment}}.')).toBeInTheDocument();
    expect(fetch.requests.some((r) => r.method === 'PUT')).toBe(false);

    await userEvent.clear(text);
    await userEvent.type(text, 'Hi {{{{firstName}}, {{{{service}} is booked.');
    await userEvent.click(within(group).getByRole('button', { name: 'Preview text message' }));
    const preview = await within(group).findByRole('region', { name: 'Booking confirmation: text message preview' });
    expect(preview).toHaveTextContent('Hi Ada, Botox – one area is booked.');

    await userEvent.click(screen.getByRole('button', { name: 'Save messages' }));
    await waitFor(() => expect(fetch.requests.some((r) => r.method === 'PUT')).toBe(true));
    const put = fetch.requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"t1"');
    expect(put.body).toEqual({
      languages: ['en'],
      birthdayGreetings: false,
      templates: [{ kind: 'booking-confirmation', channel: 'sms', language: 'en', subject: null, body: 'Hi {{firstName}}, {{service}} is booked.' }],
    });
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
  });

  it('turns birthday greetings on, which go by email only', async () => {
    const fetch = mockFetch(...handlers({ languages: ['en'], templates: [] }));
    renderApp('/staff/settings/messages', fakeAuth({ me: meFor('admin'), fetch }));
    const birthday = await screen.findByRole('group', { name: 'Birthday greeting' });
    expect(within(birthday).getByRole('textbox', { name: 'Birthday greeting: email' })).toBeInTheDocument();
    expect(within(birthday).queryByRole('textbox', { name: 'Birthday greeting: text' })).not.toBeInTheDocument();
    expect(within(birthday).getByText('Sent by email only.')).toBeInTheDocument();

    const toggle = screen.getByRole('checkbox', { name: 'Wish patients a happy birthday' });
    expect(toggle).not.toBeChecked();
    await userEvent.click(toggle);
    await userEvent.click(screen.getByRole('button', { name: 'Save messages' }));
    await waitFor(() => expect(fetch.requests.some((r) => r.method === 'PUT')).toBe(true));
    expect(fetch.requests.find((r) => r.method === 'PUT')!.body).toMatchObject({ birthdayGreetings: true });
  });

  it('shows the words of each of the clinic’s languages, the first one first', async () => {
    const fetch = mockFetch(...handlers({
      languages: ['es', 'en'],
      templates: [
        { kind: 'review-request', channel: 'email', language: 'es', subject: '¿Qué tal?', body: 'Cuéntenos, {{firstName}}.' },
        { kind: 'review-request', channel: 'email', language: 'en', subject: 'How was it?', body: 'Tell us, {{firstName}}.' },
      ],
    }));
    renderApp('/staff/settings/messages', fakeAuth({ me: meFor('admin'), fetch }));
    const group = await screen.findByRole('group', { name: 'Review request' });
    expect(within(group).getByRole('textbox', { name: 'Review request: email' })).toHaveValue('Cuéntenos, {{firstName}}.');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Words in' }), 'en');
    expect(within(group).getByRole('textbox', { name: 'Review request: email' })).toHaveValue('Tell us, {{firstName}}.');
  });

  it('is the admins’: the desk is told it is not available', async () => {
    const fetch = mockFetch(...handlers({ languages: ['en'], templates: [] }));
    renderApp('/staff/settings/messages', fakeAuth({ me: meFor('frontdesk'), fetch }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your account' })).toBeInTheDocument();
    expect(fetch.requests.some((r) => r.url.pathname.startsWith('/api/clinic/message-templates'))).toBe(false);
  });
});
