import { Tabs } from '@bigcommerce/big-design';
import { useLocation, useSearch } from 'wouter';
import { PageHeader } from '../../components/PageHeader.js';
import { ImportTab } from '../import/ImportTab.js';
import { AllProductsTab } from './AllProductsTab.js';
import { AssignedProductsTab } from './AssignedProductsTab.js';

/**
 * Products, as in the user guide: *Assigned products* (what Backorder manages) and *All products* (the
 * BigCommerce catalog, to assign from). The open tab is in the address (`?tab=all`), so a merchant who
 * leaves a bulk run's progress and comes back lands on the same tab. *Import* (`/products/import`) brings
 * stock in from a spreadsheet.
 */
const TABS = [
  { id: 'assigned', title: 'Assigned products' },
  { id: 'all', title: 'All products' },
  { id: 'import', title: 'Import' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function ProductsScreen() {
  const [location, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  const active: TabId = location.startsWith('/products/import')
    ? 'import'
    : search.get('tab') === 'all'
      ? 'all'
      : 'assigned';
  return (
    <>
      <PageHeader
        title="Products"
        description="Assign products from your BigCommerce catalog, and manage the stock, threshold, incoming stock, back-in-stock date and status of every assigned item."
      />
      <Tabs
        activeTab={active}
        items={TABS.map((t) => ({ id: t.id, title: t.title }))}
        onTabClick={(id) =>
          navigate(id === 'all' ? '/products?tab=all' : id === 'import' ? '/products/import' : '/products')
        }
      />
      {/* The panel the active tab controls (its aria-controls names `<id>-content`). */}
      <div id={`${active}-content`} role="tabpanel" aria-labelledby={active}>
        {active === 'import' ? (
          <ImportTab />
        ) : active === 'all' ? (
          <AllProductsTab />
        ) : (
          <AssignedProductsTab />
        )}
      </div>
    </>
  );
}
