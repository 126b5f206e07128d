/** The sandbox control panel: app registry, install flow (auth callback, /oauth2/token), load and uninstall. */
export {
  AppRegistrationError,
  AppRegistry,
  appFromJson,
  parseAppRegistrations,
  type SandboxApp,
  type SandboxAppJson,
} from './app-registry.js';
export { type ControlPanel, type ControlPanelOptions, createControlPanel } from './control-panel.plugin.js';
export { accountUuidOf, InstallService, type StoreUser } from './install.service.js';
export { signPayloadJwt } from './signed-payload.js';
