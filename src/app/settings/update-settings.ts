import { z } from 'zod';
import { REFUSAL_CODES } from '../../core/codes.js';
import { MAX_UNITS, type Refusal, refuse } from '../../core/item.js';
import type { ItemChangeDeps } from '../items/item-change.js';
import type { SettingsPatch, SettingsRepository, StoreSettings } from '../ports/settings-repository.js';
import type { StoreId } from '../ports/store-id.js';
import { SETTINGS_REFUSALS } from './get-settings.js';
import { isNotifyEvent, NOTIFY_EVENTS } from './notify-events.js';
import { reevaluateItems } from './reevaluate-items.js';

export interface UpdateSettingsDeps extends ItemChangeDeps {
  readonly settings: SettingsRepository;
}

export interface UpdateSettingsInput {
  readonly storeId: StoreId;
  readonly patch: SettingsPatch;
  /** `api-key:<prefix>`, `admin:<user>`, … */
  readonly actor: string;
}

export type UpdateSettingsResult =
  | {
      readonly ok: true;
      readonly settings: StoreSettings;
      /** Items whose status the new switch condition changed. */
      readonly reevaluated: number;
    }
  | Refusal;

export const MAX_NOTIFICATION_EMAILS = 20;

const email = z.email();

/**
 * Changes the store's settings. A switch condition given (even unchanged) re-evaluates the store's
 * items under it, so saving S again also completes a re-evaluation a crash interrupted.
 */
export async function updateSettings(
  deps: UpdateSettingsDeps,
  input: UpdateSettingsInput,
): Promise<UpdateSettingsResult> {
  const checked = checkPatch(input.patch);
  if (!checked.ok) return checked;
  const settings = await deps.settings.updateSettings(input.storeId, checked.patch, deps.clock.now());
  if (settings === null) {
    return refuse(SETTINGS_REFUSALS.storeNotFound, `No settings for store ${input.storeId}.`);
  }
  if (checked.patch.switchCondition === undefined) return { ok: true, settings, reevaluated: 0 };

  const rules = await deps.settings.getRules(input.storeId);
  if (rules === null) return refuse(SETTINGS_REFUSALS.storeNotFound, `No store ${input.storeId}.`);
  const reevaluated = await reevaluateItems(deps, {
    storeId: input.storeId,
    rules,
    ref: `${settings.updatedAt.getTime()}:s=${rules.switchCondition}`,
    actor: input.actor,
  });
  return { ok: true, settings, reevaluated };
}

function checkPatch(patch: SettingsPatch): { ok: true; patch: SettingsPatch } | Refusal {
  const { switchCondition, notificationEmails, notifyEvents, restockOnCancel, keepTrackingOff } = patch;
  if (
    switchCondition === undefined &&
    notificationEmails === undefined &&
    notifyEvents === undefined &&
    restockOnCancel === undefined &&
    keepTrackingOff === undefined
  ) {
    return refuse(SETTINGS_REFUSALS.nothingToChange, 'Give at least one setting to change.');
  }
  if (
    switchCondition !== undefined &&
    !(Number.isSafeInteger(switchCondition) && switchCondition >= 0 && switchCondition <= MAX_UNITS)
  ) {
    return refuse(REFUSAL_CODES.invalidSwitchCondition, 'The switch condition must be a whole number ≥ 0.');
  }
  let emails: string[] | undefined;
  if (notificationEmails !== undefined) {
    emails = [];
    for (const raw of notificationEmails) {
      const address = raw.trim();
      if (!email.safeParse(address).success) {
        return refuse(SETTINGS_REFUSALS.invalidEmail, `"${raw}" is not an email address.`);
      }
      if (!emails.some((e) => e.toLowerCase() === address.toLowerCase())) emails.push(address);
    }
    if (emails.length > MAX_NOTIFICATION_EMAILS) {
      return refuse(
        SETTINGS_REFUSALS.tooManyEmails,
        `At most ${MAX_NOTIFICATION_EMAILS} notification recipients.`,
      );
    }
  }
  let events: string[] | undefined;
  if (notifyEvents !== undefined) {
    const unknown = notifyEvents.find((e) => !isNotifyEvent(e));
    if (unknown !== undefined) {
      return refuse(
        SETTINGS_REFUSALS.unknownEvent,
        `Unknown event "${unknown}". Known: ${NOTIFY_EVENTS.join(', ')}.`,
      );
    }
    events = NOTIFY_EVENTS.filter((e) => notifyEvents.includes(e));
  }
  return {
    ok: true,
    patch: {
      ...(switchCondition === undefined ? {} : { switchCondition }),
      ...(emails === undefined ? {} : { notificationEmails: emails }),
      ...(events === undefined ? {} : { notifyEvents: events }),
      ...(restockOnCancel === undefined ? {} : { restockOnCancel }),
      ...(keepTrackingOff === undefined ? {} : { keepTrackingOff }),
    },
  };
}
