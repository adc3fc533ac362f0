/**
 * `npm run bench [-- NAME …]`: runs every test/bench/*.bench.ts (or only the named ones), one
 * after another in this process, and writes bench-results/NAME.md and bench-results/NAME.json.
 * Each benchmark measures Tegami and its peer libraries side by side in the same run.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toJson, toMarkdown } from './summary.js';
import type { BenchModule } from './types.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(benchDir, '..', '..', 'bench-results');

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const available = (await readdir(benchDir)).filter((f) => f.endsWith('.bench.ts')).map((f) => f.slice(0, -'.bench.ts'.length)).sort();
  const unknown = wanted.filter((w) => !available.includes(w));
  if (unknown.length > 0) {
    process.stderr.write(`bench: no test/bench/${unknown[0]}.bench.ts (available: ${available.join(', ') || 'none'})\n`);
    return 2;
  }
  const names = wanted.length > 0 ? wanted : available;
  if (names.length === 0) {
    process.stderr.write('bench: no benchmarks in test/bench\n');
    return 2;
  }
  const modules = new Map<string, BenchModule>();
  for (const name of names) {
    modules.set(name, (await import(pathToFileURL(join(benchDir, `${name}.bench.ts`)).href)) as BenchModule);
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  let stopServers: (() => Promise<void>) | undefined;
  if ([...modules.values()].some((m) => m.needsServers === true)) {
    const stack = await import('../servers/stack.js');
    await stack.acquireServers();
    stopServers = async () => {
      await stack.releaseServers();
    };
  }
  await mkdir(resultsDir, { recursive: true });
  let failures = 0;
  try {
    for (const [name, module] of modules) {
      process.stdout.write(`bench ${name}: running…\n`);
      try {
        const report = await module.default();
        const when = new Date();
        await writeFile(join(resultsDir, `${name}.md`), toMarkdown(report, when, machine));
        await writeFile(join(resultsDir, `${name}.json`), toJson(report, when, machine));
        const ratios = Object.entries(report.ratios).map(([peer, r]) => `${peer} ${r.toFixed(2)}×`).join(', ');
        process.stdout.write(`bench ${name}: done (${ratios}) → bench-results/${name}.md\n`);
      } catch (error) {
        failures += 1;
        process.stderr.write(`bench ${name}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      }
    }
  } finally {
    await stopServers?.();
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
