// Starts Azurite's blob service for a local run or the tests, and stops it when whoever started us goes away (our
// stdin closes), so a crashed host never leaves an emulator behind. Prints "azurite ready <blob endpoint>" when it
// serves requests.
//   AZURITE_PORT      port to listen on (default 10000)
//   AZURITE_LOCATION  folder that keeps the blobs across runs; without it they live in memory
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const main = require.resolve('azurite/dist/src/blob/main.js');
const port = process.env.AZURITE_PORT || '10000';
const location = process.env.AZURITE_LOCATION;
const args = [main, '--blobHost', '127.0.0.1', '--blobPort', port, '--silent', '--disableTelemetry',
  ...(location ? ['--location', location] : ['--inMemoryPersistence', '--extentMemoryLimit', '256'])];

const azurite = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
azurite.stdout.setEncoding('utf8');
azurite.stdout.on('data', (text) => {
  if (/successfully listens/i.test(text)) {
    process.stdout.write(`azurite ready http://127.0.0.1:${port}/devstoreaccount1\n`);
  }
});
azurite.on('exit', (code) => process.exit(code ?? 1));

const stop = () => {
  azurite.kill('SIGTERM');
  setTimeout(() => process.exit(0), 2000).unref();
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
