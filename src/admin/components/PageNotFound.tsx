import { Link } from 'wouter';
import { PageHeader } from './PageHeader.js';
import { EmptyState } from './states.js';

/** An address under /admin that names no screen (an old bookmark, a mistyped link). */
export function PageNotFound() {
  return (
    <>
      <PageHeader title="Page not found" description="There is no such page in Backorder." />
      <EmptyState
        heading="Nothing here"
        message="Go back to Home to find your way."
        action={<Link href="/">Home</Link>}
      />
    </>
  );
}
