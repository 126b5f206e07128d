import { NotBuiltYet } from '../../components/NotBuiltYet.js';

/** TEMPORARY placeholder (src/admin/README.md, "Placeholders"): replace with the screen. */
export function OrdersScreen() {
  return (
    <NotBuiltYet
      title="Orders"
      purpose="Orders that hold backordered units, with their lines, totals per item and backordered units over time."
    />
  );
}
