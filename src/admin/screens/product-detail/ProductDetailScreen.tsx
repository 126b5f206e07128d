import { useParams } from 'wouter';
import { NotBuiltYet } from '../../components/NotBuiltYet.js';

/** TEMPORARY placeholder (src/admin/README.md, "Placeholders"): one assigned product, item by item. */
export function ProductDetailScreen() {
  const { productId } = useParams<{ productId: string }>();
  return (
    <NotBuiltYet
      title={`Product ${productId}`}
      purpose="Each item's numbers, status and reason, history, the orders holding its backordered units, and receiving incoming stock."
    />
  );
}
