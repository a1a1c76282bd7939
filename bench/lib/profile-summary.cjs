// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self and inclusive time per function.
// Usage: node bench/lib/profile-summary.cjs <file.cpuprofile> [rows]
const fs = require('fs');
const prof = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas; let total = 0;
const hits = new Map();
for (let i = 0; i < prof.samples.length; i++) { hits.set(prof.samples[i], (hits.get(prof.samples[i]) || 0) + (dt[i] || 0)); total += dt[i] || 0; }
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children || []) parent.set(c, n.id);
const key = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
const incl = new Map();
for (const [id, t] of hits) {
  const n = byId.get(id); self.set(key(n), (self.get(key(n)) || 0) + t);
  const seen = new Set(); let cur = id;
  while (cur !== undefined) { const k = key(byId.get(cur)); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) || 0) + t); } cur = parent.get(cur); }
}
const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, t]) => `${(100 * t / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
console.log('SELF\n' + top(self, +process.argv[3] || 30));
console.log('INCLUSIVE\n' + top(incl, +process.argv[3] || 30));
