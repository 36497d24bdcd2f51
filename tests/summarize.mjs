// Adds up what every suite ran (xunit TRX files, vitest JSON, node:test TAP) into the one line CI counts.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
// Steps that failed before their tests could run (a build, a lint): one failure each, so the line never looks green.
const broken = Number(process.argv[3] ?? 0);
let passed = 0, failed = broken, skipped = 0;
const lines = broken ? [`  steps that failed before their tests ran: ${broken}`] : [];

// Every .NET test project must report: one that did not (it failed to build) counts as a failure.
const root = join(import.meta.dirname, '..');
const expected = readdirSync(join(root, 'tests')).filter(d => existsSync(join(root, 'tests', d, `${d}.csproj`)) && d.endsWith('.Tests')).map(d => d.toLowerCase());
const reported = new Set();
const trxDir = join(dir, 'trx');
if (existsSync(trxDir)) {
  for (const file of readdirSync(trxDir).filter(f => f.endsWith('.trx'))) {
    const xml = readFileSync(join(trxDir, file), 'utf8');
    const counters = /<Counters ([^>]*)\/>/.exec(xml)?.[1] ?? '';
    const get = name => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(counters)?.[1] ?? 0);
    const name = /storage="[^"]*\/([^/"]+)\.dll"/i.exec(xml)?.[1] ?? file;
    reported.add(name.toLowerCase());
    const p = get('passed'), f = get('failed') + get('error') + get('timeout') + get('aborted'), s = get('notExecuted');
    passed += p; failed += f; skipped += s;
    lines.push(`  ${name}: ${p} passed, ${f} failed, ${s} skipped`);
  }
}

for (const project of expected.filter(p => !reported.has(p))) {
  lines.push(`  ${project}: no results (did it build?)`); failed += 1;
}

const vitest = join(dir, 'vitest.json');
if (existsSync(vitest)) {
  const v = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += v.numPassedTests; failed += v.numFailedTests; skipped += v.numPendingTests + (v.numTodoTests ?? 0);
  lines.push(`  web (vitest): ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests} skipped`);
} else {
  lines.push('  web (vitest): no results'); failed += 1;
}

const tap = join(dir, 'e2e.tap');
if (existsSync(tap)) {
  const text = readFileSync(tap, 'utf8');
  const count = key => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const p = count('pass'), f = count('fail') + count('cancelled'), s = count('skipped') + count('todo');
  passed += p; failed += f; skipped += s;
  lines.push(`  e2e (chromium): ${p} passed, ${f} failed, ${s} skipped`);
}

console.log(lines.join('\n'));
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed > 0 ? 1 : 0);
