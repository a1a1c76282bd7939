// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self and inclusive time per function.
// Usage: node bench/lib/profile-summary.cjs <file.cpuprofile> [rows] [--under=<function name>]
// With --under, only the samples taken inside that function count (e.g. --under=wrapper: the
// decorated call), shares are of its inclusive time, and the garbage collector's share of the
// whole profile is printed next to it.
const fs = require('fs');
const args = process.argv.slice(2);
const under = args.find((a) => a.startsWith('--under='))?.slice(8);
const [file, rowsArg] = args.filter((a) => !a.startsWith('--'));
const rows = +rowsArg || 30;
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const dt = prof.timeDeltas;
const hits = new Map();
let whole = 0;
for (let i = 0; i < prof.samples.length; i++) { hits.set(prof.samples[i], (hits.get(prof.samples[i]) || 0) + (dt[i] || 0)); whole += dt[i] || 0; }
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children || []) parent.set(c, n.id);
const key = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
const isUnder = (id) => { for (let cur = id; cur !== undefined; cur = parent.get(cur)) if (byId.get(cur).callFrame.functionName === under) return true; return false; };
const self = new Map();
const incl = new Map();
let total = 0;
let gc = 0;
for (const [id, t] of hits) {
  const n = byId.get(id);
  if (n.callFrame.functionName === '(garbage collector)') gc += t;
  if (under !== undefined && !isUnder(id)) continue;
  total += t;
  self.set(key(n), (self.get(key(n)) || 0) + t);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) { const k = key(byId.get(cur)); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) || 0) + t); } }
}
const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, t]) => `${(100 * t / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
if (under !== undefined) console.log(`inside ${under}: ${(100 * total / whole).toFixed(1)} % of the profile; garbage collector: ${(100 * gc / whole).toFixed(1)} % of the profile (${(100 * gc / total).toFixed(1)} % of ${under}'s time)`);
console.log('SELF\n' + top(self, rows));
console.log('INCLUSIVE\n' + top(incl, rows));
