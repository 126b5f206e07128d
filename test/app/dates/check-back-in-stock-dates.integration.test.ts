import { describeEachSqlDatabase } from '../../adapters/db/support/databases.js';
import { backInStockDatesSuite } from './check-back-in-stock-dates.suite.js';

/** On SQLite and PostgreSQL; on the in-memory storage in check-back-in-stock-dates.test.ts (the unit tier). */
describeEachSqlDatabase('Back-in-stock date check', backInStockDatesSuite);
