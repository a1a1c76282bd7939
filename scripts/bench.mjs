// `npm run bench` (issue #10): bundles the TypeScript entries of bench/ with esbuild into
// node_modules/.cache/decotel-bench/ (inside the repo, so that their bare imports resolve),
// runs each in its own Node process, prints a table and writes bench/results/latest.json.
// Never part of `npm test`.
//
//   npm run bench                 the issue's settings (about 4 minutes)
//   npm run bench -- --quick      fewer rounds, one delivery round, a 10 s outage (about 1½ minutes)
//   npm run bench -- --only=per-call,delivery,outage   --seed=N
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deliveryTable, evaluateTargets, outageTable, perCallTable, summarizeDelivery, summarizePerCall, targetTable } from '../bench/lib/report.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'node_modules/.cache/decotel-bench');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = (args.find((a) => a.startsWith('--only='))?.slice(7) ?? 'per-call,delivery,outage').split(',');
const seed = Number(args.find((a) => a.startsWith('--seed='))?.slice(7) ?? 10);

/** Decorator modes of the per-call bundle: TC39 standard decorators (lowered by esbuild) and TypeScript's experimentalDecorators. */
const MODES = ['standard', 'experimental'];

function build() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    // decotel itself is bundled from src/ (what is measured is the working tree); its dependencies
    // and OpenTelemetry are loaded from node_modules as an application would.
    external: [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)],
    alias: { decotel: join(ROOT, 'src/index.ts') },
    sourcemap: 'linked',
    logLevel: 'warning',
  };
  mkdirSync(OUT, { recursive: true });
  for (const mode of MODES) {
    buildSync({
      ...common,
      entryPoints: [join(ROOT, 'bench/per-call.ts')],
      outfile: join(OUT, `per-call.${mode}.cjs`),
      tsconfigRaw: { compilerOptions: { experimentalDecorators: mode === 'experimental', useDefineForClassFields: true } },
    });
  }
  for (const name of ['delivery', 'outage', 'receiver']) {
    buildSync({ ...common, entryPoints: [join(ROOT, `bench/${name}.ts`)], outfile: join(OUT, `${name}.cjs`), tsconfigRaw: { compilerOptions: {} } });
  }
}

/** Runs one bundle in a fresh Node process and returns the BENCH_RESULT lines it printed. */
function run(bundle, nodeFlags = [], scriptArgs = []) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [...nodeFlags, join(OUT, bundle), ...scriptArgs], {
    cwd: OUT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_RECEIVER_SCRIPT: join(OUT, 'receiver.cjs') },
    maxBuffer: 64 * 2 ** 20,
    timeout: 10 * 60_000,
  });
  if (result.status !== 0) throw new Error(`${bundle} ${scriptArgs.join(' ')} exited with ${result.status ?? result.signal}`);
  const results = result.stdout.split('\n').filter((l) => l.startsWith('BENCH_RESULT ')).map((l) => JSON.parse(l.slice(13)));
  if (results.length === 0) throw new Error(`${bundle} ${scriptArgs.join(' ')} printed no result`);
  process.stderr.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return results;
}

function perCall() {
  const out = {};
  const rounds = quick ? 7 : 15;
  const slices = quick ? 20 : 40;
  for (const mode of MODES) {
    console.error(`per-call, ${mode} decorators: ${rounds} rounds × ${slices} slices × 512 calls per case`);
    const [timed] = run(`per-call.${mode}.cjs`, [], [`--rounds=${rounds}`, `--slices=${slices}`, `--seed=${seed}`]);
    console.error(`per-call, ${mode} decorators: bytes per call (untimed pass, no GC allowed)`);
    // A new space large enough that no scavenge runs while a case is measured.
    const [alloc] = run(`per-call.${mode}.cjs`, ['--expose-gc', '--min-semi-space-size=128', '--max-semi-space-size=128'], ['--mode=alloc', `--repeats=${quick ? 3 : 5}`]);
    out[mode] = summarizePerCall(timed, alloc);
  }
  return out;
}

/** The seeded shuffle of bench/lib/stats.ts (mulberry32 + Fisher–Yates), for the order of the delivery runs. */
function shuffled(items, state) {
  const random = () => {
    state.a = (state.a + 0x6d2b79f5) >>> 0;
    let t = state.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function delivery() {
  const total = 100_000;
  const rounds = quick ? 1 : 4;
  const scenarios = ['hand-100', 'decotel-json', 'decotel-otlp', 'decotel-json-noloss', 'decotel-json-paced', 'otel-default', 'hand-512', 'decotel-json-512', 'decotel-json-512-paced', 'otel-raised'];
  const out = Object.fromEntries(scenarios.map((s) => [s, []]));
  const state = { a: seed };
  // Each round runs every sender once, in a new shuffled order: the machine's slow and fast
  // moments fall on all of them alike, and ratios are taken within a round.
  for (let r = 0; r < rounds; r++) {
    for (const scenario of shuffled(scenarios, state)) {
      console.error(`delivery, round ${r + 1}/${rounds}: ${scenario}, ${total} events`);
      out[scenario].push(run('delivery.cjs', [], [`--scenario=${scenario}`, `--events=${total}`])[0]);
    }
  }
  return out;
}

function outage() {
  const outageMs = quick ? 10_000 : 30_000;
  console.error(`outage: receiver down ${outageMs / 1000} s while 50 000 events are tracked`);
  const [down] = run('outage.cjs', [], ['--phase=outage', `--outage-ms=${outageMs}`, '--events=50000', `--healthy-ms=${quick ? 2_000 : 5_000}`]);
  const bursts = {};
  for (const phase of ['burst', 'burst-spool', 'burst-otel']) {
    console.error(`outage: ${phase}, 100 000 events in one synchronous loop`);
    [bursts[phase]] = run('outage.cjs', [], [`--phase=${phase}`, '--events=100000', `--spool-timeout-ms=${quick ? 30_000 : 90_000}`]);
  }
  return { outage: down, bursts };
}

const started = Date.now();
build();
const results = {
  command: `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`,
  date: new Date().toISOString(),
  machine: { nproc: cpus().length, cpu: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` },
  seed,
  quick,
};
if (only.includes('per-call')) results.perCall = perCall();
if (only.includes('delivery')) results.delivery = summarizeDelivery(delivery());
if (only.includes('outage')) results.outage = outage();
results.targets = evaluateTargets(results);
results.durationS = Math.round((Date.now() - started) / 1000);

mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\ndecotel benchmarks — ${results.command} — ${results.machine.nproc} × ${results.machine.cpu}, Node ${results.machine.node}, ${results.durationS} s\n`);
if (results.perCall) for (const mode of MODES) console.log(perCallTable(results.perCall[mode], mode), '\n');
if (results.delivery) console.log(deliveryTable(results.delivery), '\n');
if (results.outage) console.log(outageTable(results.outage), '\n');
console.log(targetTable(results.targets));
console.log('\nwritten: bench/results/latest.json');
