import { z } from 'zod';
import { REFUSAL_CODES } from '../../core/codes.js';
import { MAX_UNITS, type Refusal, refuse } from '../../core/item.js';
import { enqueue } from '../jobs/enqueue.js';
import type { Clock } from '../ports/clock.js';
import type { ItemRepository } from '../ports/item-repository.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { ReevaluationRecord, ReevaluationRepository } from '../ports/reevaluation-repository.js';
import {
  isInventoryMode,
  type SettingsPatch,
  type SettingsRepository,
  type StoreSettings,
} from '../ports/settings-repository.js';
import type { StoreDashboard } from '../ports/store-dashboard.js';
import type { StoreId } from '../ports/store-id.js';
import type { StoreRepository } from '../ports/store-repository.js';
import { type NativeBackordersState, nativeBackordersOf, SETTINGS_REFUSALS } from './get-settings.js';
import { isNotifyEvent, NOTIFY_EVENTS } from './notify-events.js';

export interface UpdateSettingsDeps {
  readonly settings: SettingsRepository;
  readonly stores: Pick<StoreRepository, 'getStore'>;
  readonly items: Pick<ItemRepository, 'listItems'>;
  readonly reevaluations: Pick<ReevaluationRepository, 'create' | 'latest' | 'finish'>;
  readonly dashboard: Pick<StoreDashboard, 'countItems'>;
  readonly jobs: Pick<JobQueue, 'send'>;
  readonly clock: Clock;
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
      readonly nativeBackorders: NativeBackordersState;
      /**
       * The re-evaluation of the store's items a switch condition given queued (its progress is
       * read with getReevaluation); null when none was given.
       */
      readonly reevaluation: ReevaluationRecord | null;
    }
  | Refusal;

export const MAX_NOTIFICATION_EMAILS = 20;

const email = z.email();

/**
 * Changes the store's settings. A switch condition given (even unchanged) queues a re-evaluation of the
 * store's items under it (the `settings.reevaluate` job, src/app/settings/run-reevaluation.ts) and
 * answers at once with it: with 100,000 items the work takes seconds, too long for a request. A
 * re-evaluation still running for an older S is superseded (the new one looks at every item). Saving
 * S again also completes a re-evaluation that was lost.
 *
 * The inventory mode changes only while the store has no assigned item: an item lives in BigCommerce as
 * its mode set it up (tracking off, or a level), and moving items between modes is a later part of
 * issue 11 (SETTINGS.MODE_MOVE_REQUIRED). `native` needs BigCommerce's native backorders on, as last
 * checked (SETTINGS.NATIVE_BACKORDERS_OFF). Saving the current mode again is no change and always allowed.
 */
export async function updateSettings(
  deps: UpdateSettingsDeps,
  input: UpdateSettingsInput,
): Promise<UpdateSettingsResult> {
  const checked = checkPatch(input.patch);
  if (!checked.ok) return checked;
  const store = await deps.stores.getStore(input.storeId);
  const current = await deps.settings.getSettings(input.storeId);
  if (store === null || current === null) {
    return refuse(SETTINGS_REFUSALS.storeNotFound, `No settings for store ${input.storeId}.`);
  }
  const mode = checked.patch.inventoryMode;
  if (mode !== undefined && mode !== current.inventoryMode) {
    if (mode === 'native' && store.nativeBackorders !== true) {
      return refuse(
        SETTINGS_REFUSALS.nativeBackordersOff,
        store.nativeBackorders === null
          ? 'BigCommerce’s native backorders have not been checked for this store yet; check them first.'
          : 'BigCommerce’s native backorders are not on in this store (as last checked).',
      );
    }
    if ((await deps.items.listItems(input.storeId, { limit: 1 })).length > 0) {
      return refuse(
        SETTINGS_REFUSALS.modeMoveRequired,
        'The store has assigned items: moving them to another inventory mode is not available yet.',
      );
    }
  }
  const settings = await deps.settings.updateSettings(input.storeId, checked.patch, deps.clock.now());
  if (settings === null) {
    return refuse(SETTINGS_REFUSALS.storeNotFound, `No settings for store ${input.storeId}.`);
  }
  const nativeBackorders = nativeBackordersOf(store);
  if (checked.patch.switchCondition === undefined) {
    return { ok: true, settings, nativeBackorders, reevaluation: null };
  }
  const now = deps.clock.now();
  const previous = await deps.reevaluations.latest(input.storeId);
  if (previous?.status === 'running') {
    await deps.reevaluations.finish(input.storeId, previous.id, 'superseded', now);
  }
  const counts = await deps.dashboard.countItems(input.storeId);
  const reevaluation = await deps.reevaluations.create({
    storeId: input.storeId,
    switchCondition: settings.switchCondition,
    ref: `${settings.updatedAt.getTime()}:s=${settings.switchCondition}`,
    totalItems: counts.assigned,
    actor: input.actor,
    now,
  });
  await enqueue(deps.jobs, 'settings.reevaluate', {
    storeId: input.storeId,
    reevaluationId: reevaluation.id,
  });
  return { ok: true, settings, nativeBackorders, reevaluation };
}

function checkPatch(patch: SettingsPatch): { ok: true; patch: SettingsPatch } | Refusal {
  const {
    switchCondition,
    notificationEmails,
    notifyEvents,
    restockOnCancel,
    keepTrackingOff,
    inventoryMode,
  } = patch;
  if (
    switchCondition === undefined &&
    notificationEmails === undefined &&
    notifyEvents === undefined &&
    restockOnCancel === undefined &&
    keepTrackingOff === undefined &&
    inventoryMode === undefined
  ) {
    return refuse(SETTINGS_REFUSALS.nothingToChange, 'Give at least one setting to change.');
  }
  if (
    switchCondition !== undefined &&
    !(Number.isSafeInteger(switchCondition) && switchCondition >= 0 && switchCondition <= MAX_UNITS)
  ) {
    return refuse(REFUSAL_CODES.invalidSwitchCondition, 'The switch condition must be a whole number ≥ 0.');
  }
  if (inventoryMode !== undefined && !isInventoryMode(inventoryMode)) {
    return refuse(
      SETTINGS_REFUSALS.invalidInventoryMode,
      `Unknown inventory mode "${String(inventoryMode)}".`,
    );
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
      ...(inventoryMode === undefined ? {} : { inventoryMode }),
    },
  };
}
