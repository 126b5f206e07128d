import { startFullSandbox } from './full-sandbox.js';
import { loadSandboxConfig } from './sandbox.config.js';

/** `npm run sandbox`: the BigCommerce emulator for local development, on its own. */
const config = loadSandboxConfig();
const { sandbox, mailbox, close } = await startFullSandbox(config);
const store = config.demoStoreHash;
// Plain lines, whatever the log level: this is what a person starting the sandbox needs to see.
console.log(
  [
    `BigCommerce sandbox (development emulator) ready at ${sandbox.url}, demo store ${store}`,
    `  storefront     ${sandbox.url}/s/${store}/`,
    `  control panel  ${sandbox.url}/cp/${store}/apps`,
    `  mailbox        ${sandbox.url}/mailbox   (SMTP on ${config.smtp.host}:${mailbox.smtpPort()})`,
    `  API            ${sandbox.url}/stores/${store}/v3/   X-Auth-Token: ${config.demoApiToken}`,
    `  storage        ${config.databaseFile}`,
  ].join('\n'),
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
