/**
 * The OSRM test double in a worker thread, so that its work does not share the
 * event loop of the client being measured, as a real osrm-routed would not.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startOsrmServer } from '../test/helpers/osrm-server.js';

const maxTableSize = typeof workerData === 'number' ? workerData : 100;
const server = await startOsrmServer({ maxTableSize });
parentPort?.postMessage(server.url);
