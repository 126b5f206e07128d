import { NotBuiltYet } from '../../components/NotBuiltYet.js';

/** TEMPORARY placeholder (src/admin/README.md, "Placeholders"): replace with the screen. */
export function ActivityScreen() {
  return (
    <NotBuiltYet
      title="Activity"
      purpose="Every status change and stock movement of your items, with its cause and who made it."
    />
  );
}
