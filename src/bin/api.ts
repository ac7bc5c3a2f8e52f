#!/usr/bin/env node
// The HTTP API alone; run workers with start:worker.
import { boot, closeOnSignals, startApi } from './services.js';

const { config, logger } = boot();
closeOnSignals([await startApi(config, logger)], logger, config);
