import type { SandboxPlugin } from '../server.js';
import { DEMO_STORE_NAME } from './demo-catalog.data.js';
import { type SeedSummary, seedDemoCatalog } from './demo-store.seed.js';

/**
 * Seeds the demo catalog into a store when the sandbox starts (skipped when the store already has
 * products). The store itself must exist: createSandbox's `ensureDemoStore` creates it first.
 */
export function demoCatalogPlugin(
  storeHash: string,
  onSeeded?: (summary: SeedSummary) => void,
): SandboxPlugin {
  return {
    name: 'demo-catalog',
    register(app, { state }) {
      if (!state.stores.get(storeHash))
        throw new Error(`Cannot seed the demo catalog: store ${storeHash} does not exist`);
      const summary = seedDemoCatalog(state, storeHash);
      if (!summary.skipped) {
        state.stores.updateSettings(storeHash, { name: DEMO_STORE_NAME });
        app.log.info(summary, `seeded the demo catalog into store ${storeHash}`);
      }
      onSeeded?.(summary);
    },
  };
}
