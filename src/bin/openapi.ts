#!/usr/bin/env node
// Writes openapi/openapi.json from the zod schemas (npm run openapi).
import { mkdir, writeFile } from 'node:fs/promises';
import { buildApp } from '../api/app.js';
import { openApiText } from '../api/openapi.js';
import { defaultConfig } from '../config.js';
import { detachedPlanQueue } from '../queue/detached.js';

const app = await buildApp({ config: defaultConfig(), plans: detachedPlanQueue(), logger: false });
await mkdir('openapi', { recursive: true });
await writeFile('openapi/openapi.json', openApiText(app));
await app.close();
console.log('openapi/openapi.json written');
