import { describeEachSqlDatabase } from '../../adapters/db/support/databases.js';
import { itemChangesSuite } from './item-changes.suite.js';

/** On SQLite and PostgreSQL; on the in-memory storage in item-changes.test.ts (the unit tier). */
describeEachSqlDatabase('item changes (edit, enable, disable, receive)', itemChangesSuite);
