import { Link as BdLink, Panel, Text } from '@bigcommerce/big-design';
import { useLocation } from 'wouter';
import { EmptyState, Loaded } from '../../components/states.js';
import { useTemplates } from './settings-api.js';

/**
 * The storefront texts and packing-slip message live on templates: Settings shows the default
 * template's, read-only, and sends the merchant to Templates to change them (with their live preview).
 */
export function StorefrontTextsPanel() {
  const templates = useTemplates();
  const [, navigate] = useLocation();
  // The way to Templates lands on editing the default template, where these texts are changed.
  const toTemplates = (templateId: number | null) => {
    const path = templateId === null ? '/templates' : `/templates/${templateId}`;
    return (
      <BdLink
        href={`/admin${path}`}
        onClick={(event) => {
          event.preventDefault();
          navigate(path);
        }}
      >
        Edit them in Templates
      </BdLink>
    );
  };
  return (
    <Panel
      header="Storefront texts and packing slip"
      description="What shoppers and your warehouse read comes from each product’s template. These are your default template’s texts."
      data-panel="storefront-texts"
    >
      <Loaded query={templates} loading="Loading your default template…">
        {({ data }) => {
          const template = data.find((t) => t.is_default);
          if (template === undefined) {
            return (
              <EmptyState
                heading="No default template"
                message="Create a template and make it the default: new assignments receive its values."
                action={toTemplates(null)}
              />
            );
          }
          const rows: [string, string][] = [
            ['Backorder button', template.button_text],
            ['Backorder message', template.backorder_message],
            ['Cart message', template.cart_message],
            ['Unavailable message', template.unavailable_message],
            ['Packing-slip message', template.packing_slip_message],
          ];
          return (
            <>
              <Text>
                Default template: <strong>{template.name}</strong>
              </Text>
              <dl style={{ margin: '0 0 16px' }}>
                {rows.map(([label, text]) => (
                  <div key={label} style={{ marginBottom: 8 }}>
                    <dt>
                      <Text as="span" bold color="secondary70">
                        {label}
                      </Text>
                    </dt>
                    <dd style={{ margin: 0 }} data-template-text={label}>
                      <Text marginBottom="none">{text === '' ? '(empty)' : text}</Text>
                    </dd>
                  </div>
                ))}
              </dl>
              {toTemplates(template.id)}
            </>
          );
        }}
      </Loaded>
    </Panel>
  );
}
