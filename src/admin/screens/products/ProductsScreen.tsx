import { Tabs } from '@bigcommerce/big-design';
import { useLocation, useSearch } from 'wouter';
import { PageHeader } from '../../components/PageHeader.js';
import { AllProductsTab } from './AllProductsTab.js';
import { AssignedProductsTab } from './AssignedProductsTab.js';

/**
 * Products, as in the user guide: *Assigned products* (what Backorder manages) and *All products* (the
 * BigCommerce catalog, to assign from). The open tab is in the address (`?tab=all`), so a merchant who
 * leaves a bulk run's progress and comes back lands on the same tab.
 */
const TABS = [
  { id: 'assigned', title: 'Assigned products' },
  { id: 'all', title: 'All products' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function ProductsScreen() {
  const [, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  const active: TabId = search.get('tab') === 'all' ? 'all' : 'assigned';
  return (
    <>
      <PageHeader
        title="Products"
        description="Assign products from your BigCommerce catalog, and manage the stock, threshold, incoming stock, back-in-stock date and status of every assigned item."
      />
      <Tabs
        activeTab={active}
        items={TABS.map((t) => ({ id: t.id, title: t.title }))}
        onTabClick={(id) => navigate(id === 'all' ? '/products?tab=all' : '/products')}
      />
      {/* The panel each tab's aria-controls names. */}
      <div id={`${active}-content`} role="tabpanel" aria-labelledby={active}>
        {active === 'all' ? <AllProductsTab /> : <AssignedProductsTab />}
      </div>
    </>
  );
}
