import { type Refusal, refuse } from '../../core/item.js';
import type { SettingsRepository, StoreSettings } from '../ports/settings-repository.js';
import type { StoreId } from '../ports/store-id.js';

export const SETTINGS_REFUSALS = {
  storeNotFound: 'STORE.NOT_FOUND',
  invalidEmail: 'SETTINGS.INVALID_EMAIL',
  tooManyEmails: 'SETTINGS.TOO_MANY_EMAILS',
  unknownEvent: 'SETTINGS.UNKNOWN_EVENT',
  nothingToChange: 'SETTINGS.NOTHING_TO_CHANGE',
} as const;

export async function getSettings(
  deps: { readonly settings: SettingsRepository },
  input: { readonly storeId: StoreId },
): Promise<{ readonly ok: true; readonly settings: StoreSettings } | Refusal> {
  const settings = await deps.settings.getSettings(input.storeId);
  return settings === null
    ? refuse(SETTINGS_REFUSALS.storeNotFound, `No settings for store ${input.storeId}.`)
    : { ok: true, settings };
}
