import { writeFileSync } from 'node:fs';
import { ADMIN_API_TYPES_PATH, renderAdminApiTypes } from './admin-api-types.js';

writeFileSync(ADMIN_API_TYPES_PATH, await renderAdminApiTypes());
console.log(`wrote ${ADMIN_API_TYPES_PATH}`);
