import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/**
 * Every screen of the app, in navigation order: its path under /admin, its label in the navigation,
 * and the component, loaded lazily so each screen is its own chunk (the first page loads only the
 * shell and the screen it opens). Add a screen here; a path with parameters
 * (`/products/:productId`) and `nav: false` is a screen reached from another one.
 */
export interface Screen {
  readonly path: string;
  readonly label: string;
  /** Shown in the navigation (default true). */
  readonly nav?: boolean;
  readonly component: LazyExoticComponent<ComponentType>;
}

const productsScreen = lazy(() =>
  import('../screens/products/ProductsScreen.js').then((m) => ({ default: m.ProductsScreen })),
);

export const SCREENS: readonly Screen[] = [
  {
    path: '/',
    label: 'Home',
    component: lazy(() => import('../screens/home/HomeScreen.js').then((m) => ({ default: m.HomeScreen }))),
  },
  {
    path: '/products',
    label: 'Products',
    component: productsScreen,
  },
  // Before `/products/:productId`: the Import tab of Products, and one import by its id.
  ...['/products/import', '/products/import/:runId'].map((path) => ({
    path,
    label: 'Import stock',
    nav: false,
    component: productsScreen,
  })),
  {
    path: '/products/:productId',
    label: 'Product',
    nav: false,
    component: lazy(() =>
      import('../screens/product-detail/ProductDetailScreen.js').then((m) => ({
        default: m.ProductDetailScreen,
      })),
    ),
  },
  {
    path: '/orders',
    label: 'Orders',
    component: lazy(() =>
      import('../screens/orders/OrdersScreen.js').then((m) => ({ default: m.OrdersScreen })),
    ),
  },
  {
    path: '/activity',
    label: 'Activity',
    component: lazy(() =>
      import('../screens/activity/ActivityScreen.js').then((m) => ({ default: m.ActivityScreen })),
    ),
  },
  {
    path: '/templates',
    label: 'Templates',
    component: lazy(() =>
      import('../screens/templates/TemplatesScreen.js').then((m) => ({ default: m.TemplatesScreen })),
    ),
  },
  {
    path: '/templates/:templateId',
    label: 'Template',
    nav: false,
    component: lazy(() =>
      import('../screens/templates/TemplateEditScreen.js').then((m) => ({ default: m.TemplateEditScreen })),
    ),
  },
  {
    path: '/settings',
    label: 'Settings',
    component: lazy(() =>
      import('../screens/settings/SettingsScreen.js').then((m) => ({ default: m.SettingsScreen })),
    ),
  },
];
