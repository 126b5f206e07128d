import { NotBuiltYet } from '../../components/NotBuiltYet.js';

/** TEMPORARY placeholder (src/admin/README.md, "Placeholders"): replace with the screen. */
export function ProductsScreen() {
  return (
    <NotBuiltYet
      title="Products"
      purpose="Assign products from your BigCommerce catalog and manage the stock, threshold, incoming stock, back-in-stock date and status of every assigned item."
    />
  );
}
