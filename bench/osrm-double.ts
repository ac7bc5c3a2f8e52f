/**
 * The OSRM test double as its own server for the benchmark: `threads` processes
 * sharing one port, as osrm-routed answers concurrent requests on `--threads`
 * threads (one request stays on one thread). The first process to listen sends
 * the URL to the parent.
 *
 *   fork('osrm-double.js', [maxTableSize, threads])
 */
import cluster from 'node:cluster';
import { startOsrmServer } from '../test/helpers/osrm-server.js';

const [maxTableSize = 100, threads = 1] = process.argv.slice(2).map(Number);

if (cluster.isPrimary) {
  for (let k = 0; k < threads; k++) cluster.fork();
  let told = false;
  cluster.on('message', (_worker, url: unknown) => {
    if (!told) process.send?.(url);
    told = true;
  });
  process.on('disconnect', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    process.exit(0);
  });
} else {
  // Workers that listen on port 0 all get the same port from the primary.
  const server = await startOsrmServer({ maxTableSize });
  process.send?.(server.url);
}
