/** `make bench`: run every bench/*.bench.ts in turn (each prints "name: value unit" lines). */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const dir = __dirname;
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
let failed = 0;
for (const f of files) {
  console.log(`== ${f}`);
  try {
    execFileSync(process.execPath, [require.resolve('tsx/cli'), path.join(dir, f)], { stdio: 'inherit' });
  } catch {
    failed++;
    console.log(`   ${f} failed`);
  }
}
if (failed) process.exit(1);
