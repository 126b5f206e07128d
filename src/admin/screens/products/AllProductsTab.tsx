import { Panel, Text } from '@bigcommerce/big-design';

/** TEMPORARY placeholder (src/admin/README.md, "Placeholders"): the catalog, to assign from. */
export function AllProductsTab() {
  return (
    <Panel header="All products" data-placeholder="">
      <Text>Not built yet.</Text>
    </Panel>
  );
}
