import {
  Box,
  Button,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  InlineMessage,
  Input,
  Message,
  Select,
  Text,
} from '@bigcommerce/big-design';
import { type FormEvent, useEffect, useState } from 'react';
import { sentenceFor } from '../../api/error-sentences.js';
import { describeError } from '../../api/errors.js';
import { useFeedback } from '../../components/feedback.js';
import { checkStockDefaults, EMPTY_DEFAULTS, products, type StockDefaultsDraft } from './assign-form.js';
import { type CatalogProduct, useAssignProducts, useTemplates } from './catalog-api.js';
import type { CatalogFilterBody } from './catalog-query.js';

/** What is selected: products ticked (by id, across pages and searches), or every product a filter matches. */
export type Selection =
  | { readonly kind: 'products'; readonly products: ReadonlyMap<number, CatalogProduct> }
  | { readonly kind: 'matching'; readonly filter: CatalogFilterBody; readonly total: number };

interface Outcome {
  readonly assigned: readonly string[];
  readonly refused: readonly { readonly name: string; readonly sentence: string }[];
  readonly warnings: readonly { readonly name: string; readonly sentence: string }[];
}

const WARNING_SENTENCES: Readonly<Record<string, string>> = {
  'ASSIGNMENT.STOCK_NOT_TRACKED':
    'BigCommerce did not track its stock, so its stock starts at 0: enter it on the Assigned products tab.',
  'ASSIGNMENT.STOCK_NOT_PER_VARIANT':
    'BigCommerce counted one stock for all its variants, so each variant starts at 0: enter their stock on the Assigned products tab.',
  'ASSIGNMENT.TRACKING_NOT_TURNED_OFF':
    'BigCommerce did not let Backorder turn its inventory tracking off; Backorder tries again later.',
  'ASSIGNMENT.LEVEL_NOT_WRITTEN':
    'BigCommerce did not take the units still sellable as its stock level, so checkout does not cap its backorders yet.',
};

/**
 * Assigns the selection: the template whose texts and stock defaults the items get (the default
 * template preselected) and, optionally, a threshold, incoming stock and back-in-stock date for every
 * item instead of the template's. A few products are assigned at once and their outcome is shown here;
 * "all matching" (or many) become a background run, followed by its progress bar.
 */
export function AssignPanel(props: {
  readonly selection: Selection;
  readonly onAssigned: () => void;
  readonly onRunStarted: (runId: number) => void;
}) {
  const { selection } = props;
  const templates = useTemplates();
  const assign = useAssignProducts();
  const feedback = useFeedback();
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [draft, setDraft] = useState<StockDefaultsDraft>(EMPTY_DEFAULTS);
  const [touched, setTouched] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const defaultTemplate = templates.data?.data.find((t) => t.is_default) ?? null;
  useEffect(() => {
    if (templateId === null && defaultTemplate !== null) setTemplateId(defaultTemplate.id);
  }, [templateId, defaultTemplate]);

  const count = selection.kind === 'matching' ? selection.total : selection.products.size;
  const checked = checkStockDefaults(draft);
  const errors = touched && !checked.ok ? checked.errors : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!checked.ok || count === 0) return;
    setOutcome(null);
    const names = new Map(
      selection.kind === 'products'
        ? [...selection.products.values()].map((p) => [p.product_id, p.name])
        : [],
    );
    const common = { template_id: templateId, ...checked.body };
    assign.mutate(
      selection.kind === 'matching'
        ? { ...common, filter: selection.filter }
        : { ...common, product_ids: [...selection.products.keys()] },
      {
        onSuccess: (answer) => {
          setDraft(EMPTY_DEFAULTS);
          setTouched(false);
          props.onAssigned();
          if (!('results' in answer)) {
            props.onRunStarted(answer.run_id);
            return;
          }
          const name = (id: number) => names.get(id) ?? `Product ${id}`;
          const result: Outcome = {
            assigned: answer.results.filter((r) => r.status === 'assigned').map((r) => name(r.product_id)),
            refused: answer.results
              .filter((r) => r.status === 'refused')
              .map((r) => ({ name: name(r.product_id), sentence: sentenceFor(r.code ?? '') })),
            warnings: answer.results.flatMap((r) =>
              r.warnings.map((w) => ({
                name: name(r.product_id),
                sentence: WARNING_SENTENCES[w] ?? 'It was assigned, but not quite as asked.',
              })),
            ),
          };
          setOutcome(result);
          if (result.assigned.length > 0) {
            feedback.success(`${result.assigned.length} ${products(result.assigned.length)} assigned.`);
          }
        },
      },
    );
  };

  const field = (key: keyof StockDefaultsDraft) => ({
    value: draft[key],
    error: errors[key],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
  });

  return (
    <Box marginBottom="medium" padding="medium" border="box" borderRadius="normal" data-panel="assign">
      <Form onSubmit={submit} aria-label="Assign the selected products" fullWidth>
        <Flex flexGap="1rem" alignItems="flex-start" flexWrap="wrap">
          <FlexItem flexBasis="220px" flexGrow={1}>
            <Select
              label="Template"
              filterable={false}
              description="Its storefront texts, and its stock defaults unless given here."
              options={(templates.data?.data ?? []).map((t) => ({
                value: t.id,
                content: t.is_default ? `${t.name} (default)` : t.name,
              }))}
              value={templateId ?? undefined}
              onOptionChange={(value) => setTemplateId(value ?? null)}
              error={templates.isError ? describeError(templates.error) : undefined}
            />
          </FlexItem>
          <FlexItem flexBasis="130px">
            <FormGroup>
              <Input label="Threshold" inputMode="numeric" placeholder="Template’s" {...field('threshold')} />
            </FormGroup>
          </FlexItem>
          <FlexItem flexBasis="130px">
            <FormGroup>
              <Input
                label="Incoming stock"
                inputMode="numeric"
                placeholder="Template’s"
                {...field('incoming')}
              />
            </FormGroup>
          </FlexItem>
          <FlexItem flexBasis="170px">
            <FormGroup>
              <Input label="Back-in-stock date" type="date" {...field('date')} />
            </FormGroup>
          </FlexItem>
        </Flex>
        <Flex flexGap="1rem" alignItems="center" flexWrap="wrap" marginTop="medium">
          <FlexItem>
            <Button type="submit" isLoading={assign.isPending} disabled={count === 0}>
              {count === 0 ? 'Assign' : `Assign ${count} ${products(count)}`}
            </Button>
          </FlexItem>
          <FlexItem flexGrow={1}>
            <Text color="secondary60" data-selection-summary="">
              {count === 0
                ? 'Tick the products to assign in the list below, or select all that match your search.'
                : selection.kind === 'matching'
                  ? `All ${count} matching ${products(count)} (those already assigned are left as they are), assigned in the background.`
                  : `${count} ${products(count)} selected.`}
            </Text>
          </FlexItem>
        </Flex>
      </Form>
      {assign.isError ? (
        <InlineMessage
          type="error"
          header="Nothing was assigned"
          messages={[{ text: describeError(assign.error) }]}
          marginTop="medium"
        />
      ) : null}
      {outcome === null ? null : <OutcomeView outcome={outcome} onDismiss={() => setOutcome(null)} />}
    </Box>
  );
}

function OutcomeView(props: { readonly outcome: Outcome; readonly onDismiss: () => void }) {
  const { assigned, refused, warnings } = props.outcome;
  return (
    <Box marginTop="medium" data-assign-outcome="">
      {assigned.length > 0 ? (
        <Message
          type="success"
          header={`${assigned.length} ${products(assigned.length)} assigned`}
          messages={[
            { text: assigned.join(', ') },
            ...warnings.map((w) => ({ text: `${w.name}: ${w.sentence}` })),
          ]}
          onClose={props.onDismiss}
          localization={{ close: 'Dismiss' }}
        />
      ) : null}
      {refused.length > 0 ? (
        <Box marginTop="small">
          <Message
            type="warning"
            header={`${refused.length} ${products(refused.length)} not assigned`}
            messages={refused.map((r) => ({ text: `${r.name}: ${r.sentence}` }))}
            onClose={props.onDismiss}
            localization={{ close: 'Dismiss' }}
          />
        </Box>
      ) : null}
    </Box>
  );
}
