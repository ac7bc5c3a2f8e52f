#!/usr/bin/env node
// API and worker in one process, for small installations.
import { boot, closeOnSignals, startApi, startWorker } from './services.js';

const { config, logger } = boot();
const worker = startWorker(config, logger);
const api = await startApi(config, logger);
closeOnSignals([api, worker], logger, config);
