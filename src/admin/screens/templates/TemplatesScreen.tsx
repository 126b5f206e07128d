import { NotBuiltYet } from '../../components/NotBuiltYet.js';

/** TEMPORARY placeholder (src/admin/README.md, "Placeholders"): replace with the screen. */
export function TemplatesScreen() {
  return (
    <NotBuiltYet
      title="Templates"
      purpose="The storefront texts, stock defaults and packing-slip message that assigned products receive."
    />
  );
}
