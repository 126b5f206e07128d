import { Badge, Box, Button, Flex, FlexItem, H3, Message, Panel, Text } from '@bigcommerce/big-design';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { useSession } from '../../app/session-context.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState, LoadingState } from '../../components/states.js';
import { useSettings, useTemplates } from '../settings/settings-api.js';
import { DashboardPanels } from './DashboardPanels.js';
import { useDashboard } from './home-api.js';

/**
 * Home: the user guide's four setup steps as a checklist (each step links to its screen and says where
 * the store stands), then the store at a glance from `GET /dashboard`: assigned items by status (each
 * count opens the Products screen filtered by it), the items that need attention, the back-in-stock
 * dates of the next 7 days and the latest status changes.
 */
export function HomeScreen() {
  const session = useSession();
  const [welcome, setWelcome] = useState(session.justInstalled);
  return (
    <>
      <PageHeader
        title="Home"
        description={`Backorder keeps selling your out-of-stock products as backorders, under control. Store ${session.store.hash}, time zone ${session.store.timezone}.`}
      />
      {welcome ? (
        <Message
          type="success"
          header="Backorder is installed"
          messages={[
            { text: 'Webhooks and the storefront script are set up. Follow the steps below to start.' },
          ]}
          onClose={() => setWelcome(false)}
          marginBottom="large"
        />
      ) : null}
      <Checklist />
      <DashboardPanels />
    </>
  );
}

interface Step {
  readonly title: string;
  readonly text: string;
  readonly state: string;
  readonly done: boolean | null;
  readonly action: { readonly label: string; readonly to: string } | null;
}

function Checklist() {
  const settings = useSettings();
  const templates = useTemplates();
  const dashboard = useDashboard();
  const [, navigate] = useLocation();
  if (settings.isPending || templates.isPending || dashboard.isPending) {
    return <LoadingState label="Loading your setup…" />;
  }
  const failed = settings.error ?? templates.error ?? dashboard.error;
  if (failed) {
    return (
      <ErrorState
        error={failed}
        onRetry={() => {
          void settings.refetch();
          void templates.refetch();
          void dashboard.refetch();
        }}
      />
    );
  }
  const s = settings.data!;
  const list = templates.data!.data;
  const installedAt = Math.min(...list.map((t) => Date.parse(t.created_at)));
  const hasItems = dashboard.data!.counts.assigned > 0;
  const steps: Step[] = [
    {
      title: 'Set the backorder switch condition',
      text: 'The stock level at or below which a product switches to backorder.',
      state: `Now ${s.switch_condition}: an item is out of stock at ${s.switch_condition} or less.`,
      // Saved since the install (the default template was created then).
      done: Date.parse(s.updated_at) > installedAt + 1000,
      action: { label: 'Open Settings', to: '/settings' },
    },
    {
      title: 'Set up your templates',
      text: 'The storefront texts, stock defaults and packing-slip message that assigned products receive.',
      state: `${list.length} template${list.length === 1 ? '' : 's'}; default: ${list.find((t) => t.is_default)?.name ?? 'none'}.`,
      done: list.length > 1 || list.some((t) => t.updated_at !== t.created_at),
      action: { label: 'Open Templates', to: '/templates' },
    },
    {
      title: 'Assign your products',
      text: 'Pick the products Backorder manages; their variants follow.',
      state: hasItems ? 'Products are assigned.' : 'No product is assigned yet.',
      done: hasItems,
      action: { label: 'Open Products', to: hasItems ? '/products' : '/products?tab=all' },
    },
    {
      title: 'Import your stock',
      text: 'Keep your stock, thresholds, incoming stock and dates in a spreadsheet? Download the template, fill it in and upload it.',
      state: hasItems
        ? 'You see what the file would change before anything does.'
        : 'Assign products first: the template lists your assigned items.',
      done: null,
      action: { label: 'Open Import', to: '/products/import' },
    },
  ];
  return (
    <Panel
      header="Get started"
      description="The four steps of the Backorder user guide."
      data-panel="checklist"
    >
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {steps.map((step, index) => (
          <li key={step.title} data-step={index + 1} data-done={step.done === true ? 'true' : 'false'}>
            <Box paddingVertical="small" borderBottom={index < steps.length - 1 ? 'box' : undefined}>
              <Flex justifyContent="space-between" alignItems="center" flexGap="1rem">
                <FlexItem flexShrink={1}>
                  <H3 marginBottom="xxSmall">
                    {index + 1}. {step.title}{' '}
                    {step.done === true ? <Badge variant="success" label="done" /> : null}
                  </H3>
                  <Text marginBottom="xxSmall">{step.text}</Text>
                  <Text color="secondary60" marginBottom="none">
                    {step.state}
                  </Text>
                </FlexItem>
                {step.action === null ? null : (
                  <FlexItem flexShrink={0}>
                    <Button variant="secondary" onClick={() => navigate(step.action!.to)}>
                      {step.action.label}
                    </Button>
                  </FlexItem>
                )}
              </Flex>
            </Box>
          </li>
        ))}
      </ol>
    </Panel>
  );
}
