import { describeEachSqlDatabase } from '../../adapters/db/support/databases.js';
import { templatesSuite } from './templates.suite.js';

/** On SQLite and PostgreSQL; on the in-memory storage in templates.test.ts (the unit tier). */
describeEachSqlDatabase('templates', templatesSuite);
