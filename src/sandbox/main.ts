import { startFullSandbox } from './full-sandbox.js';
import { loadSandboxConfig } from './sandbox.config.js';

/** `npm run sandbox`: the BigCommerce emulator for local development, on its own. */
const config = loadSandboxConfig();
const { sandbox, mailbox, close } = await startFullSandbox(config);
const store = config.demoStoreHash;
sandbox.app.log.info(
  {
    api: `${sandbox.url}/stores/${store}/v3/`,
    apiToken: config.demoApiToken,
    storage: config.databaseFile,
    smtpPort: mailbox.smtpPort(),
  },
  `BigCommerce sandbox ready at ${sandbox.url} (demo store ${store})`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
