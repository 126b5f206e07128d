import {
  Box,
  Button,
  Checkbox,
  Form,
  FormGroup,
  InlineMessage,
  Panel,
  Text,
  Textarea,
} from '@bigcommerce/big-design';
import { type FormEvent, useState } from 'react';
import { type ApiError, describeError } from '../../api/errors.js';
import { useFeedback } from '../../components/feedback.js';
import { type NotifyEvent, type Settings, useSaveSettings } from './settings-api.js';
import { looksLikeEmail, MAX_RECIPIENTS, NOTIFY_EVENT_LABELS, parseEmails } from './settings-words.js';

const EVENTS = Object.keys(NOTIFY_EVENT_LABELS) as NotifyEvent[];

/** Who is emailed, and about what. Notifications are grouped: a bulk change sends one email. */
export function NotificationsPanel({ settings }: { readonly settings: Settings }) {
  const [emailsText, setEmailsText] = useState(settings.notification_emails.join('\n'));
  const [events, setEvents] = useState<ReadonlySet<NotifyEvent>>(new Set(settings.notify_events));
  const save = useSaveSettings();
  const feedback = useFeedback();

  const emails = parseEmails(emailsText);
  const invalid = emails.filter((e) => !looksLikeEmail(e));
  const emailError =
    invalid.length > 0
      ? `Not an email address: ${invalid.join(', ')}`
      : emails.length > MAX_RECIPIENTS
        ? `Enter at most ${MAX_RECIPIENTS} email addresses.`
        : undefined;
  // The server's word on addresses this check let through (it names them by position).
  const refused = save.isError ? refusedEmails(save.error, save.variables?.notification_emails ?? []) : [];
  const unchanged =
    emails.join('\n') === settings.notification_emails.join('\n') &&
    EVENTS.every((e) => events.has(e) === settings.notify_events.includes(e));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (emailError !== undefined) return;
    save.mutate(
      { notification_emails: emails, notify_events: EVENTS.filter((e) => events.has(e)) },
      { onSuccess: () => feedback.success('Notification settings saved.') },
    );
  };

  const toggle = (name: NotifyEvent, on: boolean) => {
    const next = new Set(events);
    if (on) next.add(name);
    else next.delete(name);
    setEvents(next);
  };

  return (
    <Panel
      header="Notifications"
      description="Backorder emails these people when items switch. Changes made together arrive as one email."
      data-panel="notifications"
    >
      <Form onSubmit={submit} aria-label="Notifications">
        <FormGroup>
          <Textarea
            label="Recipients"
            description={`One email address per line, at most ${MAX_RECIPIENTS}. With none, nobody is emailed.`}
            rows={3}
            value={emailsText}
            error={
              emailError ??
              (refused.length > 0 ? `Not accepted as an email address: ${refused.join(', ')}` : undefined)
            }
            onChange={(e) => {
              setEmailsText(e.target.value);
              save.reset();
            }}
          />
        </FormGroup>
        <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
          <legend>
            <Text bold marginBottom="xSmall">
              Email about
            </Text>
          </legend>
          {EVENTS.map((name) => (
            <FormGroup key={name}>
              <Checkbox
                label={NOTIFY_EVENT_LABELS[name].label}
                description={NOTIFY_EVENT_LABELS[name].description}
                checked={events.has(name)}
                onChange={(e) => toggle(name, e.target.checked)}
              />
            </FormGroup>
          ))}
        </fieldset>
        {save.isError && refused.length === 0 ? (
          <InlineMessage
            type="error"
            messages={[{ text: describeError(save.error) }]}
            marginBottom="medium"
          />
        ) : null}
        <Box marginTop="medium">
          <Button
            type="submit"
            isLoading={save.isPending}
            disabled={(unchanged && !save.isError) || emailError !== undefined}
          >
            Save notification settings
          </Button>
        </Box>
      </Form>
    </Panel>
  );
}

/** The addresses a VALIDATION.INVALID_BODY refusal names (`notification_emails.2`). */
function refusedEmails(error: ApiError, sent: readonly string[]): string[] {
  return error.details
    .map((detail) => /^notification_emails\.(\d+)$/.exec(detail.path)?.[1])
    .filter((index): index is string => index !== undefined)
    .map((index) => sent[Number(index)] ?? '')
    .filter((email) => email !== '');
}
