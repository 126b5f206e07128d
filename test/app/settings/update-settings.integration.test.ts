import { describeEachSqlDatabase } from '../../adapters/db/support/databases.js';
import { updateSettingsSuite } from './update-settings.suite.js';

/** On SQLite and PostgreSQL; on the in-memory storage in update-settings.test.ts (the unit tier). */
describeEachSqlDatabase('updating settings', updateSettingsSuite);
