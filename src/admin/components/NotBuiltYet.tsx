import { Panel, Text } from '@bigcommerce/big-design';
import { PageHeader } from './PageHeader.js';

/**
 * TEMPORARY scaffolding: the screen a navigation entry shows until its engineer builds it (listed in
 * src/admin/README.md, "Placeholders"). It says plainly that the screen is not there yet.
 */
export function NotBuiltYet(props: { readonly title: string; readonly purpose: string }) {
  return (
    <>
      <PageHeader title={props.title} description={props.purpose} />
      <Panel header="Not built yet" data-placeholder="">
        <Text>
          This screen is not built yet. Until it is, everything it will do is possible through the Backorder
          API (see Settings → API keys).
        </Text>
      </Panel>
    </>
  );
}
