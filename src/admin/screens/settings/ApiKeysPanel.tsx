import {
  Box,
  Button,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  InlineMessage,
  Input,
  Panel,
  Table,
  Text,
} from '@bigcommerce/big-design';
import { type FormEvent, useRef, useState } from 'react';
import { describeError } from '../../api/errors.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useFeedback } from '../../components/feedback.js';
import { EmptyState, Loaded } from '../../components/states.js';
import { type ApiKey, useApiKeys, useCreateApiKey, useRevokeApiKey } from './settings-api.js';

const MAX_NAME = 100;

/**
 * API keys let an ERP or inventory system use the Backorder API. A new key is shown once (only its
 * hash is kept); revoking one refuses its requests from then on.
 */
export function ApiKeysPanel() {
  const keys = useApiKeys();
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = useRevokeApiKey();
  const feedback = useFeedback();
  const apiUrl = `${window.location.origin}/api/v1`;

  return (
    <Panel
      header="API keys"
      description={
        <>
          Let an ERP or inventory system read and change your items through the Backorder API at{' '}
          <code>{apiUrl}</code> (documented at <code>{apiUrl}/openapi.json</code>).
        </>
      }
      data-panel="api-keys"
    >
      <CreateKeyForm />
      <Loaded query={keys} loading="Loading API keys…">
        {({ data }) =>
          data.length === 0 ? (
            <EmptyState
              heading="No API keys yet"
              message="Create a key above to connect an ERP or inventory system. Keys you create are listed here."
            />
          ) : (
            <Table
              itemName="API keys"
              keyField="id"
              items={data}
              columns={[
                { header: 'Name', hash: 'name', render: (k) => k.name },
                { header: 'Key', hash: 'prefix', render: (k) => <code>{k.prefix}…</code> },
                { header: 'Created', hash: 'created', render: (k) => formatInstant(k.created_at) },
                {
                  header: 'Last used',
                  hash: 'used',
                  render: (k) => (k.last_used_at === null ? 'Never' : formatInstant(k.last_used_at)),
                },
                {
                  header: 'Actions',
                  hideHeader: true,
                  hash: 'actions',
                  align: 'right',
                  render: (k) => (
                    <Button
                      variant="subtle"
                      actionType="destructive"
                      onClick={() => setRevoking(k)}
                      aria-label={`Revoke key ${k.name}`}
                    >
                      Revoke
                    </Button>
                  ),
                },
              ]}
            />
          )
        }
      </Loaded>
      <ConfirmDialog
        isOpen={revoking !== null}
        header={`Revoke the key “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke key"
        isWorking={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking === null) return;
          revoke.mutate(revoking.id, {
            onSuccess: () => feedback.success(`The key “${revoking.name}” is revoked.`),
            onError: (error) => feedback.error(error, 'The key was not revoked'),
            onSettled: () => setRevoking(null),
          });
        }}
      >
        Systems that use this key are refused from now on. This cannot be undone: to connect them again,
        create a new key.
      </ConfirmDialog>
    </Panel>
  );
}

function CreateKeyForm() {
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const create = useCreateApiKey();
  const trimmed = name.trim();
  const fieldError =
    touched && trimmed === ''
      ? 'Give the key a name, e.g. the system that will use it.'
      : trimmed.length > MAX_NAME
        ? `Keep the name to ${MAX_NAME} characters.`
        : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (trimmed === '' || trimmed.length > MAX_NAME) return;
    create.mutate(trimmed, {
      onSuccess: () => {
        setName('');
        setTouched(false);
      },
    });
  };

  return (
    <Box marginBottom="large">
      <Form onSubmit={submit} aria-label="Create an API key">
        <Flex flexGap="1rem" alignItems="flex-end" flexWrap="wrap">
          <FlexItem flexGrow={1}>
            <FormGroup>
              <Input
                label="Key name"
                placeholder="e.g. Warehouse ERP"
                value={name}
                error={fieldError}
                maxLength={MAX_NAME + 20}
                onChange={(e) => setName(e.target.value)}
              />
            </FormGroup>
          </FlexItem>
          <FlexItem>
            <FormGroup>
              <Button type="submit" isLoading={create.isPending}>
                Create key
              </Button>
            </FormGroup>
          </FlexItem>
        </Flex>
      </Form>
      {create.isError ? (
        <InlineMessage type="error" messages={[{ text: describeError(create.error) }]} marginTop="small" />
      ) : null}
      {create.isSuccess ? (
        <NewKey name={create.data.name} apiKey={create.data.key} onDone={create.reset} />
      ) : null}
    </Box>
  );
}

/** The new key, this once, with a copy button. */
function NewKey(props: { readonly name: string; readonly apiKey: string; readonly onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    if (clipboardAllowed()) {
      try {
        await navigator.clipboard.writeText(props.apiKey);
        setCopied('yes');
        return;
      } catch {
        // Refused after all: fall back below.
      }
    }
    // The control panel's frame may not allow the Clipboard API: copy the selected key instead,
    // and when even that fails, leave it selected for Ctrl+C.
    input.current?.select();
    setCopied(document.execCommand('copy') ? 'yes' : 'no');
  };
  return (
    <Box marginTop="medium" padding="medium" border="box" borderRadius="normal" data-new-api-key="">
      <Text bold>Your new key “{props.name}”</Text>
      <Text>Copy it now and keep it somewhere safe: Backorder shows it only this once.</Text>
      <Flex flexGap="0.5rem" alignItems="flex-end" flexWrap="wrap">
        <FlexItem flexGrow={1}>
          <Input
            ref={input}
            label="API key"
            readOnly
            value={props.apiKey}
            onFocus={(e) => e.target.select()}
            data-api-key=""
          />
        </FlexItem>
        <FlexItem>
          <Button variant="secondary" onClick={() => void copy()}>
            Copy key
          </Button>
        </FlexItem>
        <FlexItem>
          <Button variant="subtle" onClick={props.onDone}>
            Done
          </Button>
        </FlexItem>
      </Flex>
      <Text color="secondary60" marginTop="xSmall" aria-live="polite">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'no'
            ? 'Select the key and press Ctrl+C (⌘C) to copy it.'
            : ''}
      </Text>
    </Box>
  );
}

/** Whether the frame may use the Clipboard API (asking when it may not logs a console error). */
function clipboardAllowed(): boolean {
  if (navigator.clipboard === undefined) return false;
  const policy = (document as { featurePolicy?: { allowsFeature(name: string): boolean } }).featurePolicy;
  return policy === undefined || policy.allowsFeature('clipboard-write');
}

function formatInstant(iso: string): string {
  return new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}
