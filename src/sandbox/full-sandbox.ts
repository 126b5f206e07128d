import { createControlPanel } from './control-panel/control-panel.plugin.js';
import { parseAppRegistrations } from './control-panel/index.js';
import { createMailbox } from './mailbox/mailbox.plugin.js';
import type { SandboxConfig } from './sandbox.config.js';
import { demoCatalogPlugin } from './seed/demo-seed.plugin.js';
import { createSandbox, type Sandbox } from './server.js';
import { storefrontPlugin } from './storefront/storefront.plugin.js';

export interface FullSandbox {
  readonly sandbox: Sandbox;
  readonly controlPanel: ReturnType<typeof createControlPanel>;
  readonly mailbox: ReturnType<typeof createMailbox>;
  close(): Promise<void>;
}

/**
 * The whole emulator as `npm run sandbox` and demo mode start it: the API, the seeded demo store, its
 * storefront, the control panel with the configured apps, and the mailbox.
 */
export async function startFullSandbox(config: SandboxConfig): Promise<FullSandbox> {
  const controlPanel = createControlPanel({
    apps: config.appsJson ? parseAppRegistrations(config.appsJson) : [],
  });
  const mailbox = createMailbox({ smtpPort: config.smtp.port, smtpHost: config.smtp.host });
  const sandbox = await createSandbox({
    config,
    ensureDemoStore: true,
    plugins: [
      demoCatalogPlugin(config.demoStoreHash),
      storefrontPlugin(),
      controlPanel.plugin,
      mailbox.plugin,
    ],
  });
  return { sandbox, controlPanel, mailbox, close: () => sandbox.close() };
}
