import { describeOnMemory } from '../../adapters/db/support/storage-targets.js';
import { updateSettingsSuite } from './update-settings.suite.js';

/** On the in-memory storage; on SQLite and PostgreSQL in update-settings.integration.test.ts. */
describeOnMemory('updating settings', updateSettingsSuite);
