import { Badge, Link as BdLink, Button, Flex, Panel, Table, Text } from '@bigcommerce/big-design';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useFeedback } from '../../components/feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, Loaded } from '../../components/states.js';
import { stockDefaultsInWords } from './template-form.js';
import {
  type ListedTemplate,
  useDeleteTemplate,
  useSetDefaultTemplate,
  useTemplates,
} from './templates-api.js';

/**
 * Templates (user guide step 2): what assigned products receive. The list says which one is the
 * default and what each gives new assignments; a template opens for editing with its live preview.
 */
export function TemplatesScreen() {
  const templates = useTemplates();
  const [, navigate] = useLocation();
  const [deleting, setDeleting] = useState<ListedTemplate | null>(null);
  const remove = useDeleteTemplate();
  const makeDefault = useSetDefaultTemplate();
  const feedback = useFeedback();
  const create = (
    <Button onClick={() => navigate('/templates/new')} data-action="create-template">
      Create template
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Templates"
        description="The storefront texts, packing-slip message and stock values products receive when you assign them. Products you assign without choosing a template get the default one."
        actions={create}
      />
      <Panel header="Your templates" data-panel="templates">
        <Loaded query={templates} loading="Loading templates…">
          {({ data }) =>
            data.length === 0 ? (
              <EmptyState
                heading="No templates yet"
                message="Create a template: its texts are what shoppers read about backorders, and its stock values are what products receive when you assign them."
                action={create}
              />
            ) : (
              <Table
                itemName="Templates"
                keyField="id"
                items={data}
                columns={[
                  {
                    header: 'Name',
                    hash: 'name',
                    render: (t) => (
                      <Flex alignItems="center" flexGap="0.5rem" flexWrap="wrap">
                        <BdLink
                          href={`/admin/templates/${t.id}`}
                          onClick={(event) => {
                            event.preventDefault();
                            navigate(`/templates/${t.id}`);
                          }}
                        >
                          {t.name}
                        </BdLink>
                        {t.is_default ? <Badge label="Default" variant="success" /> : null}
                      </Flex>
                    ),
                  },
                  {
                    header: 'Button',
                    hash: 'button',
                    render: (t) =>
                      t.button_text === '' ? (
                        <Text as="span" color="secondary60">
                          The theme’s own
                        </Text>
                      ) : (
                        t.button_text
                      ),
                  },
                  {
                    header: 'Products',
                    hash: 'products',
                    align: 'right',
                    render: (t) => t.product_count.toLocaleString('en-US'),
                  },
                  {
                    header: 'Threshold',
                    hash: 'threshold',
                    render: (t) => stockDefaultsInWords(t).threshold,
                  },
                  {
                    header: 'Incoming stock',
                    hash: 'incoming',
                    align: 'right',
                    render: (t) => stockDefaultsInWords(t).incoming,
                  },
                  { header: 'Back-in-stock date', hash: 'date', render: (t) => stockDefaultsInWords(t).date },
                  {
                    header: 'Actions',
                    hideHeader: true,
                    hash: 'actions',
                    align: 'right',
                    render: (t) =>
                      t.is_default ? null : (
                        <Flex justifyContent="flex-end" flexGap="0.25rem" flexWrap="nowrap">
                          <Button
                            variant="subtle"
                            isLoading={makeDefault.isPending && makeDefault.variables === t.id}
                            onClick={() =>
                              makeDefault.mutate(t.id, {
                                onSuccess: () => feedback.success(`“${t.name}” is now the default template.`),
                                onError: (error) => feedback.error(error, 'The default did not change'),
                              })
                            }
                            aria-label={`Make default: ${t.name}`}
                          >
                            Make default
                          </Button>
                          <Button
                            variant="subtle"
                            actionType="destructive"
                            onClick={() => setDeleting(t)}
                            aria-label={`Delete template ${t.name}`}
                          >
                            Delete
                          </Button>
                        </Flex>
                      ),
                  },
                ]}
              />
            )
          }
        </Loaded>
      </Panel>
      <ConfirmDialog
        isOpen={deleting !== null}
        header={`Delete the template “${deleting?.name ?? ''}”?`}
        confirmLabel="Delete template"
        isWorking={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting === null) return;
          remove.mutate(deleting.id, {
            onSuccess: () => feedback.success(`The template “${deleting.name}” is deleted.`),
            onError: (error) => feedback.error(error, 'The template was not deleted'),
            onSettled: () => setDeleting(null),
          });
        }}
      >
        {deleting !== null && deleting.product_count > 0
          ? `${productsUsing(deleting.product_count)} it, so it cannot be deleted until they move to another template.`
          : 'Its texts and stock values are gone for good.'}
      </ConfirmDialog>
    </>
  );
}

function productsUsing(count: number): string {
  return count === 1 ? '1 product uses' : `${count.toLocaleString('en-US')} products use`;
}
