#!/usr/bin/env node
// A plan worker alone; scale by running more of them against the same Redis.
import { boot, closeOnSignals, startWorker } from './services.js';

const { config, logger } = boot();
closeOnSignals([startWorker(config, logger)], logger, config);
