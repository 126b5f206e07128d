import { writeFileSync } from 'node:fs';
import { DOC_PATH, renderStateMachineDoc } from './state-machine-doc.js';

writeFileSync(DOC_PATH, renderStateMachineDoc(process.cwd()));
console.log(`wrote ${DOC_PATH}`);
