import type { DateCheckRepository } from '../../../src/app/ports/date-check-repository.js';
import type {
  ItemRules,
  SettingsPatch,
  SettingsRepository,
  StoreSettings,
} from '../../../src/app/ports/settings-repository.js';
import type { StoreId } from '../../../src/app/ports/store-id.js';
import type {
  InstallStoreInput,
  InventoryFeaturesCheck,
  StoreProfile,
  StoreRecord,
  StoreRepository,
} from '../../../src/app/ports/store-repository.js';
import type {
  StoreUserInput,
  StoreUserRecord,
  StoreUserRepository,
} from '../../../src/app/ports/store-user-repository.js';
import type { LocalDate } from '../../../src/core/item.js';
import {
  byId,
  check,
  checkStore,
  compareText,
  fromJson,
  type InMemoryDatabase,
  type SettingsRow,
  type StoreRow,
  type StoreUserRow,
  toDate,
  toDateOrNull,
  toJson,
  toTimestamp,
} from './database.js';

/** The column defaults of `stores` and `settings` (migration 0001). */
const STORE_DEFAULTS = {
  scope: '',
  timezone: 'UTC',
  locale: 'en-US',
  webhookSecretHash: null,
  name: null,
  nativeBackorders: null,
  nativeBackordersCheckedAt: null,
  locations: null,
} as const;
const SETTINGS_DEFAULTS = {
  switchCondition: 0,
  restockOnCancel: true,
  keepTrackingOff: true,
  notificationEmails: '[]',
  notifyEvents: '["backorder_enabled","backorder_disabled"]',
  inventoryMode: 'emulated',
} as const;

export class InMemoryStoreRepository implements StoreRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  install(input: InstallStoreInput): Promise<StoreRecord> {
    return this.db.execute(() => {
      const now = toTimestamp(input.now);
      const credentials = {
        status: 'installed' as const,
        accessTokenEncrypted: input.accessTokenEncrypted,
        scope: input.scope,
        installedAt: now,
        uninstalledAt: null,
        updatedAt: now,
        ...(input.timezone === undefined ? {} : { timezone: input.timezone }),
        ...(input.locale === undefined ? {} : { locale: input.locale }),
        ...(input.webhookSecretHash === undefined ? {} : { webhookSecretHash: input.webhookSecretHash }),
      };
      const existing = this.db.stores.find((s) => s.storeHash === input.storeHash);
      const row =
        existing === undefined
          ? this.db.stores.insert({
              id: this.db.stores.nextId(),
              storeHash: input.storeHash,
              ...STORE_DEFAULTS,
              datesCheckedThrough: null,
              ...credentials,
            })
          : this.db.stores.update(existing, credentials);
      // A re-installed store keeps the settings it had.
      if (this.db.settings.find((s) => s.storeId === row.id) === undefined) {
        this.db.settings.insert({
          storeId: row.id as StoreId,
          ...SETTINGS_DEFAULTS,
          ...(input.initialSettings === undefined
            ? {}
            : {
                notificationEmails: toJson(input.initialSettings.notificationEmails),
                notifyEvents: toJson(input.initialSettings.notifyEvents),
              }),
          updatedAt: now,
        });
      }
      return toStoreRecord(row);
    });
  }

  markUninstalled(storeId: StoreId, now: Date): Promise<void> {
    return this.db.execute(() => {
      const row = this.db.stores.find((s) => s.id === storeId);
      if (row === undefined) return;
      this.db.stores.update(row, {
        status: 'uninstalled',
        accessTokenEncrypted: null,
        uninstalledAt: toTimestamp(now),
        updatedAt: toTimestamp(now),
      });
    });
  }

  getStore(storeId: StoreId): Promise<StoreRecord | null> {
    return this.db.execute(() => recordOrNull(this.db.stores.find((s) => s.id === storeId)));
  }

  findStoreByHash(storeHash: string): Promise<StoreRecord | null> {
    return this.db.execute(() => recordOrNull(this.db.stores.find((s) => s.storeHash === storeHash)));
  }

  updateProfile(storeId: StoreId, profile: StoreProfile, now: Date): Promise<StoreRecord | null> {
    return this.db.execute(() => {
      const row = this.db.stores.find((s) => s.id === storeId);
      if (row === undefined) return null;
      return toStoreRecord(
        this.db.stores.update(row, {
          updatedAt: toTimestamp(now),
          ...(profile.timezone === undefined ? {} : { timezone: profile.timezone }),
          ...(profile.locale === undefined ? {} : { locale: profile.locale }),
          ...(profile.name === undefined ? {} : { name: profile.name }),
          ...(profile.webhookSecretHash === undefined
            ? {}
            : { webhookSecretHash: profile.webhookSecretHash }),
        }),
      );
    });
  }

  recordInventoryFeatures(
    storeId: StoreId,
    features: InventoryFeaturesCheck,
    now: Date,
  ): Promise<StoreRecord | null> {
    return this.db.execute(() => {
      const row = this.db.stores.find((s) => s.id === storeId);
      if (row === undefined) return null;
      return toStoreRecord(
        this.db.stores.update(row, {
          nativeBackorders: features.nativeBackorders,
          nativeBackordersCheckedAt: toTimestamp(now),
          locations: features.locations,
        }),
      );
    });
  }

  listInstalledStores(): Promise<StoreRecord[]> {
    return this.db.execute(() =>
      this.db.stores
        .filter((s) => s.status === 'installed')
        .sort(byId)
        .map(toStoreRecord),
    );
  }
}

function recordOrNull(row: StoreRow | undefined): StoreRecord | null {
  return row === undefined ? null : toStoreRecord(row);
}

function toStoreRecord(row: StoreRow): StoreRecord {
  return {
    id: row.id as StoreId,
    storeHash: row.storeHash,
    name: row.name,
    status: row.status,
    accessTokenEncrypted: row.accessTokenEncrypted,
    scope: row.scope,
    timezone: row.timezone,
    locale: row.locale,
    webhookSecretHash: row.webhookSecretHash,
    installedAt: toDate(row.installedAt),
    uninstalledAt: toDateOrNull(row.uninstalledAt),
    updatedAt: toDate(row.updatedAt),
    nativeBackorders: row.nativeBackorders,
    inventoryFeaturesCheckedAt: toDateOrNull(row.nativeBackordersCheckedAt),
    locations: row.locations,
  };
}

export class InMemorySettingsRepository implements SettingsRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  getSettings(storeId: StoreId): Promise<StoreSettings | null> {
    return this.db.execute(() => {
      const row = this.db.settings.find((s) => s.storeId === storeId);
      return row === undefined ? null : toSettings(row);
    });
  }

  updateSettings(storeId: StoreId, patch: SettingsPatch, now: Date): Promise<StoreSettings | null> {
    return this.db.execute(() => {
      const row = this.db.settings.find((s) => s.storeId === storeId);
      if (row === undefined) return null;
      const updated = this.db.settings.update(row, {
        updatedAt: toTimestamp(now),
        ...(patch.switchCondition === undefined ? {} : { switchCondition: patch.switchCondition }),
        ...(patch.restockOnCancel === undefined ? {} : { restockOnCancel: patch.restockOnCancel }),
        ...(patch.keepTrackingOff === undefined ? {} : { keepTrackingOff: patch.keepTrackingOff }),
        ...(patch.notificationEmails === undefined
          ? {}
          : { notificationEmails: toJson(patch.notificationEmails) }),
        ...(patch.notifyEvents === undefined ? {} : { notifyEvents: toJson(patch.notifyEvents) }),
        ...(patch.inventoryMode === undefined ? {} : { inventoryMode: patch.inventoryMode }),
      });
      check(
        updated.switchCondition >= 0,
        'settings_switch_condition_check',
        'The switch condition cannot be negative',
      );
      return toSettings(updated);
    });
  }

  getRules(storeId: StoreId): Promise<ItemRules | null> {
    return this.db.execute(() => loadRules(this.db, storeId));
  }
}

/** The store's rules: its switch condition and time zone. Null when the store does not exist. */
export function loadRules(db: InMemoryDatabase, storeId: StoreId): ItemRules | null {
  const store = db.stores.find((s) => s.id === storeId);
  const settings = db.settings.find((s) => s.storeId === storeId);
  if (store === undefined || settings === undefined) return null;
  return {
    switchCondition: settings.switchCondition,
    timeZone: store.timezone,
    inventoryMode: settings.inventoryMode,
  };
}

function toSettings(row: SettingsRow): StoreSettings {
  return {
    storeId: row.storeId,
    switchCondition: row.switchCondition,
    restockOnCancel: row.restockOnCancel,
    keepTrackingOff: row.keepTrackingOff,
    notificationEmails: fromJson<string[]>(row.notificationEmails),
    notifyEvents: fromJson<string[]>(row.notifyEvents),
    inventoryMode: row.inventoryMode,
    updatedAt: toDate(row.updatedAt),
  };
}

/** The daily date check's progress, kept on the store row. */
export class InMemoryDateCheckRepository implements DateCheckRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  listCheckedThrough(): Promise<ReadonlyMap<number, LocalDate | null>> {
    return this.db.execute(
      () =>
        new Map(
          this.db.stores.filter((s) => s.status === 'installed').map((s) => [s.id, s.datesCheckedThrough]),
        ),
    );
  }

  markCheckedThrough(storeId: StoreId, date: LocalDate): Promise<void> {
    return this.db.execute(() => {
      // Forward only: a slow, older run finishing late cannot undo a newer one's mark.
      const row = this.db.stores.find(
        (s) =>
          s.id === storeId &&
          (s.datesCheckedThrough === null || compareText(s.datesCheckedThrough, date) < 0),
      );
      if (row !== undefined) this.db.stores.update(row, { datesCheckedThrough: date });
    });
  }
}

export class InMemoryStoreUserRepository implements StoreUserRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  upsertUser(storeId: StoreId, user: StoreUserInput, now: Date): Promise<void> {
    return this.db.execute(() => {
      const at = toTimestamp(now);
      const existing = this.find(storeId, user.bcUserId);
      if (existing !== undefined) {
        this.db.storeUsers.update(existing, { email: user.email, isOwner: user.isOwner, lastSeenAt: at });
        return;
      }
      checkStore(this.db, storeId, 'store_users');
      this.db.storeUsers.insert({
        storeId,
        bcUserId: user.bcUserId,
        email: user.email,
        isOwner: user.isOwner,
        createdAt: at,
        lastSeenAt: at,
      });
    });
  }

  removeUser(storeId: StoreId, bcUserId: number, removedAt: Date): Promise<boolean> {
    return this.db.execute(() => {
      const at = toTimestamp(removedAt);
      const removal = this.db.storeUserRemovals.find((r) => r.storeId === storeId && r.bcUserId === bcUserId);
      if (removal === undefined) {
        checkStore(this.db, storeId, 'store_user_removals');
        this.db.storeUserRemovals.insert({ storeId, bcUserId, removedAt: at });
      } else if (removal.removedAt < at) {
        this.db.storeUserRemovals.update(removal, { removedAt: at });
      }
      const row = this.find(storeId, bcUserId);
      if (row === undefined) return false;
      this.db.storeUsers.delete(row);
      return true;
    });
  }

  findRemoval(storeId: StoreId, bcUserId: number): Promise<Date | null> {
    return this.db.execute(() => {
      const removal = this.db.storeUserRemovals.find((r) => r.storeId === storeId && r.bcUserId === bcUserId);
      return removal === undefined ? null : toDate(removal.removedAt);
    });
  }

  removeAllUsers(storeId: StoreId): Promise<number> {
    return this.db.execute(() => {
      const rows = this.db.storeUsers.filter((u) => u.storeId === storeId);
      for (const row of rows) this.db.storeUsers.delete(row);
      return rows.length;
    });
  }

  findUser(storeId: StoreId, bcUserId: number): Promise<StoreUserRecord | null> {
    return this.db.execute(() => {
      const row = this.find(storeId, bcUserId);
      return row === undefined ? null : toStoreUserRecord(row);
    });
  }

  listUsers(storeId: StoreId): Promise<StoreUserRecord[]> {
    return this.db.execute(() =>
      this.db.storeUsers
        .filter((u) => u.storeId === storeId)
        .sort((a, b) => a.bcUserId - b.bcUserId)
        .map(toStoreUserRecord),
    );
  }

  private find(storeId: StoreId, bcUserId: number): StoreUserRow | undefined {
    return this.db.storeUsers.find((u) => u.storeId === storeId && u.bcUserId === bcUserId);
  }
}

function toStoreUserRecord(row: StoreUserRow): StoreUserRecord {
  return {
    storeId: row.storeId,
    bcUserId: row.bcUserId,
    email: row.email,
    isOwner: row.isOwner,
    createdAt: toDate(row.createdAt),
    lastSeenAt: toDate(row.lastSeenAt),
  };
}
