import {
  Link as BdLink,
  Box,
  Button,
  Flex,
  Form,
  FormGroup,
  Grid,
  InlineMessage,
  Input,
  Panel,
  Textarea,
} from '@bigcommerce/big-design';
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { useLocation, useParams } from 'wouter';
import { ApiError, describeError } from '../../api/errors.js';
import { useFeedback } from '../../components/feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState, Loaded } from '../../components/states.js';
import { useDebouncedValue } from '../../components/use-debounced-value.js';
import { PlaceholderHelp } from './PlaceholderHelp.js';
import { TemplatePreviewPanel } from './TemplatePreviewPanel.js';
import {
  bodyOf,
  type FieldErrors,
  type FormField,
  fieldOfRefusal,
  formOf,
  isUnchanged,
  localToday,
  NEW_TEMPLATE_FORM,
  previewRequestOf,
  problemText,
  type TemplateForm,
} from './template-form.js';
import {
  type TemplateBody,
  useCreateTemplate,
  useTemplate,
  useTemplatePreview,
  useUpdateTemplate,
} from './templates-api.js';

/** How long typing must pause before the preview asks the server again. */
const PREVIEW_DEBOUNCE_MS = 300;

/** `/templates/new` creates a template; `/templates/:templateId` edits one. */
export function TemplateEditScreen() {
  const { templateId } = useParams<{ templateId: string }>();
  if (templateId === 'new') return <CreateTemplate />;
  const id = Number(templateId);
  return <EditTemplate templateId={Number.isSafeInteger(id) && id > 0 ? id : 0} />;
}

function CreateTemplate() {
  const create = useCreateTemplate();
  const [, navigate] = useLocation();
  const feedback = useFeedback();
  return (
    <>
      <BackToList />
      <PageHeader
        title="Create template"
        description="Write what shoppers and your warehouse read about backorders, and the stock values products receive when you assign them with this template."
      />
      <TemplateEditor
        initial={NEW_TEMPLATE_FORM}
        saved={null}
        submitLabel="Create template"
        isSaving={create.isPending}
        saveError={create.error}
        onSubmit={(body) =>
          create.mutate(body, {
            onSuccess: (template) => {
              feedback.success(`The template “${template.name}” is created.`);
              navigate(`/templates/${template.id}`, { replace: true });
            },
          })
        }
      />
    </>
  );
}

function EditTemplate({ templateId }: { readonly templateId: number }) {
  const template = useTemplate(templateId);
  const update = useUpdateTemplate(templateId);
  const feedback = useFeedback();
  return (
    <>
      <BackToList />
      <PageHeader
        title="Edit template"
        description="Products that use this template show its new texts as soon as you save. Its stock values go to products you assign from now on."
      />
      {templateId === 0 ? (
        <ErrorState error={new ApiError('TEMPLATE.NOT_FOUND', 404)} header="No such template" />
      ) : (
        <Loaded query={template} loading="Loading the template…">
          {(saved) => (
            <TemplateEditor
              key={saved.id}
              initial={formOf(saved)}
              saved={formOf(saved)}
              isDefault={saved.is_default}
              submitLabel="Save template"
              isSaving={update.isPending}
              saveError={update.error}
              onSubmit={(body) =>
                update.mutate(body, {
                  onSuccess: (changed) => feedback.success(`The template “${changed.name}” is saved.`),
                })
              }
            />
          )}
        </Loaded>
      )}
    </>
  );
}

function BackToList() {
  const [, navigate] = useLocation();
  return (
    <Box marginBottom="small">
      <BdLink
        href="/admin/templates"
        onClick={(event) => {
          event.preventDefault();
          navigate('/templates');
        }}
      >
        ← All templates
      </BdLink>
    </Box>
  );
}

/**
 * The form, with the live preview beside it: what the merchant types is previewed (debounced) by the
 * server's own rendering, and a text the server could not save shows its reason under the field.
 */
function TemplateEditor(props: {
  readonly initial: TemplateForm;
  /** The saved template's values (null for a new one): Save waits for a change. */
  readonly saved: TemplateForm | null;
  readonly isDefault?: boolean;
  readonly submitLabel: string;
  readonly isSaving: boolean;
  readonly saveError: ApiError | null;
  readonly onSubmit: (body: TemplateBody) => void;
}) {
  const [form, setForm] = useState(props.initial);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const today = useMemo(() => localToday(), []);
  const request = useMemo(() => previewRequestOf(form, today), [form, today]);
  const preview = useTemplatePreview(useDebouncedValue(request, PREVIEW_DEBOUNCE_MS));

  const set = (field: FormField) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setForm((current) => ({ ...current, [field]: value }));
    setLocalErrors((current) => ({ ...current, [field]: undefined }));
  };

  const refusedField = props.saveError === null ? null : fieldOfRefusal(props.saveError.code);
  const errorOf = (field: FormField): string | undefined => {
    const local = localErrors[field];
    if (local !== undefined) return local;
    const problem = preview.data?.problems.find((p) => p.field === field);
    if (problem !== undefined) return problemText(problem);
    if (refusedField === field && props.saveError !== null) return describeError(props.saveError);
    return undefined;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = bodyOf(form);
    if (!checked.ok) {
      setLocalErrors(checked.errors);
      return;
    }
    setLocalErrors({});
    props.onSubmit(checked.body);
  };

  const unchanged = props.saved !== null && isUnchanged(form, props.saved);

  return (
    <Grid gridColumns="minmax(0, 7fr) minmax(0, 5fr)" gridGap="1.5rem">
      <Form onSubmit={submit} aria-label="Template" fullWidth data-form="template">
        <Panel header="Name" data-panel="template-name">
          <FormGroup>
            <Input
              label="Template name"
              value={form.name}
              onChange={set('name')}
              error={errorOf('name')}
              required
              description={
                props.isDefault
                  ? 'This is your default template: products assigned without a choice get it.'
                  : 'For you: shoppers never see it.'
              }
            />
          </FormGroup>
        </Panel>
        <Panel
          header="Storefront texts"
          description="What shoppers read while an item is on backorder. Placeholders and optional [phrases] are explained beside the preview."
          data-panel="template-texts"
        >
          <FormGroup>
            <Input
              label="Backorder button"
              value={form.button_text}
              onChange={set('button_text')}
              error={errorOf('button_text')}
              description="Replaces the add-to-cart label of an item on backorder. Empty: the theme’s own label."
            />
          </FormGroup>
          <FormGroup>
            <Textarea
              label="Backorder message"
              rows={3}
              value={form.backorder_message}
              onChange={set('backorder_message')}
              error={errorOf('backorder_message')}
              description="Shown below the add-to-cart button of an item on backorder."
            />
          </FormGroup>
          <FormGroup>
            <Textarea
              label="Cart message"
              rows={2}
              value={form.cart_message}
              onChange={set('cart_message')}
              error={errorOf('cart_message')}
              description="Shown on the cart line of an item on backorder."
            />
          </FormGroup>
          <FormGroup>
            <Textarea
              label="Unavailable message"
              rows={2}
              value={form.unavailable_message}
              onChange={set('unavailable_message')}
              error={errorOf('unavailable_message')}
              description="Shown where the add-to-cart button was once backorder has stopped (threshold or date reached, or switched off). Empty: nothing is shown."
            />
          </FormGroup>
        </Panel>
        <Panel header="Packing slip" data-panel="template-packing-slip">
          <FormGroup>
            <Textarea
              label="Packing-slip message"
              rows={3}
              value={form.packing_slip_message}
              onChange={set('packing_slip_message')}
              error={errorOf('packing_slip_message')}
              description="Written into the staff notes of every order holding backordered units, above the list of backordered lines."
            />
          </FormGroup>
        </Panel>
        <Panel
          header="Values new assignments receive"
          description="Copied into each item of a product you assign with this template. Changing them later does not change products already assigned."
          data-panel="template-stock"
        >
          <FormGroup>
            <Input
              label="Backorder threshold"
              inputMode="numeric"
              value={form.threshold}
              onChange={set('threshold')}
              error={errorOf('threshold')}
              description="How many units may be backordered each time the item runs out. Empty: no limit; 0: no backorders."
            />
          </FormGroup>
          <FormGroup>
            <Input
              label="Incoming stock"
              inputMode="numeric"
              value={form.incoming_stock}
              onChange={set('incoming_stock')}
              error={errorOf('incoming_stock')}
              description="Units on their way to you."
            />
          </FormGroup>
          <FormGroup>
            <Input
              label="Back-in-stock date"
              type="date"
              value={form.back_in_stock_date}
              onChange={set('back_in_stock_date')}
              error={errorOf('back_in_stock_date')}
              description="When your store’s date reaches it, backorder switches off. Empty: no date."
            />
          </FormGroup>
        </Panel>
        <SaveBar>
          {props.saveError !== null && refusedField === null ? (
            <InlineMessage
              type="error"
              messages={[{ text: describeError(props.saveError) }]}
              marginBottom="medium"
            />
          ) : null}
          <Button type="submit" isLoading={props.isSaving} disabled={unchanged}>
            {props.submitLabel}
          </Button>
        </SaveBar>
      </Form>
      <Box>
        <TemplatePreviewPanel
          preview={preview}
          hasOwnDate={request.samples[0]?.back_in_stock_date === form.back_in_stock_date.trim()}
        />
        <PlaceholderHelp />
      </Box>
    </Grid>
  );
}

function SaveBar(props: { readonly children: ReactNode }) {
  return (
    <Flex flexDirection="column" alignItems="flex-start" marginBottom="xLarge">
      {props.children}
    </Flex>
  );
}
