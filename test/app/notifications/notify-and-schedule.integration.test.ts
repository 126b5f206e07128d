import { describeEachSqlDatabase } from '../../adapters/db/support/databases.js';
import { notifyAndScheduleSuite } from './notify-and-schedule.suite.js';

/** On SQLite and PostgreSQL; on the in-memory storage in notify-and-schedule.test.ts (the unit tier). */
describeEachSqlDatabase('notify() and the notifications.flush job', notifyAndScheduleSuite);
