import { Panel, Text } from '@bigcommerce/big-design';

/** TEMPORARY placeholder (src/admin/README.md, "Placeholders"): every assigned item, by product. */
export function AssignedProductsTab() {
  return (
    <Panel header="Assigned products" data-placeholder="">
      <Text>Not built yet.</Text>
    </Panel>
  );
}
