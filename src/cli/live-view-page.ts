/**
 * The live view that `decotel collect` serves at `/`: plain HTML, CSS and a small script, no
 * framework. It reads `/v1/stream` (server-sent events, filtered by glob on the server) and
 * redraws at most twice a second, so it stays responsive at 1 000 events/s.
 */
export const LIVE_VIEW_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>decotel collect · live</title>
<style>
  :root { --bg:#0f1419; --panel:#171d24; --line:#26303b; --text:#d8dee6; --dim:#8a96a3; --ok:#4fc08d; --bad:#ef6b73; --bar:#4a90d9; }
  * { box-sizing: border-box; }
  body { margin:0; font:14px/1.4 system-ui, sans-serif; background:var(--bg); color:var(--text); }
  header { display:flex; gap:24px; align-items:center; padding:12px 20px; border-bottom:1px solid var(--line); flex-wrap:wrap; }
  h1 { font-size:16px; margin:0; font-weight:600; }
  .stat b { font-size:18px; display:block; }
  .stat span { color:var(--dim); font-size:12px; }
  input { background:var(--panel); color:var(--text); border:1px solid var(--line); border-radius:4px; padding:6px 10px; width:260px; font:inherit; }
  #filter-problem { color:var(--bad); font-size:12px; }
  main { display:grid; grid-template-columns: 2fr 1fr; gap:16px; padding:16px 20px; }
  section { background:var(--panel); border:1px solid var(--line); border-radius:6px; padding:12px; overflow:auto; }
  h2 { font-size:13px; text-transform:uppercase; letter-spacing:.05em; color:var(--dim); margin:0 0 8px; }
  table { width:100%; border-collapse:collapse; font-variant-numeric: tabular-nums; }
  th, td { text-align:right; padding:4px 8px; border-bottom:1px solid var(--line); white-space:nowrap; }
  th:first-child, td:first-child { text-align:left; }
  .hist { display:inline-flex; align-items:flex-end; gap:1px; height:22px; }
  .hist i { display:block; width:5px; background:var(--bar); min-height:1px; }
  .err { border-bottom:1px solid var(--line); padding:6px 0; }
  .err .name { color:var(--bad); font-weight:600; }
  .err .ctx, .tail .ctx { color:var(--dim); font-size:12px; word-break:break-all; }
  .tail div { font-family: ui-monospace, monospace; font-size:12px; padding:2px 0; border-bottom:1px solid var(--line); white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
  .failure { color:var(--bad); } .success { color:var(--ok); }
  .wide { grid-column: 1 / -1; }
</style>
</head>
<body>
<header>
  <h1>decotel collect · live</h1>
  <div class="stat"><b id="total">0</b><span>events</span></div>
  <div class="stat"><b id="rate">0</b><span>events/s (10 s)</span></div>
  <div class="stat"><b id="errors">0</b><span>errors</span></div>
  <div class="stat"><b id="names">0</b><span>event names</span></div>
  <label>filter <input id="filter" placeholder="glob, e.g. checkout.* or *.failed" autocomplete="off"></label>
  <span id="filter-problem"></span>
</header>
<main>
  <section>
    <h2>Per event name</h2>
    <table id="names-table">
      <thead><tr><th>name</th><th>count</th><th>rate/s</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>durations</th></tr></thead>
      <tbody></tbody>
    </table>
  </section>
  <section>
    <h2>Latest errors</h2>
    <div id="error-list"></div>
  </section>
  <section class="wide tail">
    <h2>Latest events</h2>
    <div id="tail"></div>
  </section>
</main>
<script>
(() => {
  const MAX_DURATIONS = 5000, MAX_ERRORS = 20, MAX_TAIL = 50, RATE_WINDOW_MS = 10000;
  const $ = (id) => document.getElementById(id);
  let state, source, dirty = false;
  function reset() { state = { total: 0, errors: [], tail: [], byName: new Map(), arrivals: [] }; dirty = true; }
  function add(ev) {
    const now = Date.now();
    state.total++;
    state.arrivals.push(now);
    let s = state.byName.get(ev.name);
    if (!s) { s = { count: 0, durations: [], seen: 0, arrivals: [] }; state.byName.set(ev.name, s); }
    s.count++;
    s.arrivals.push(now);
    if (typeof ev.durationMs === 'number') {
      s.seen++;
      if (s.durations.length < MAX_DURATIONS) s.durations.push(ev.durationMs);
      else { const j = Math.floor(Math.random() * s.seen); if (j < MAX_DURATIONS) s.durations[j] = ev.durationMs; }
    }
    if (ev.error || ev.severity === 'error' || ev.severity === 'critical') { state.errors.unshift(ev); state.errors.length = Math.min(state.errors.length, MAX_ERRORS); }
    state.tail.unshift(ev); state.tail.length = Math.min(state.tail.length, MAX_TAIL);
    dirty = true;
  }
  function percentile(sorted, p) { return sorted.length ? sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] : undefined; }
  function fmt(ms) { return ms === undefined ? '–' : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toString(); }
  function recent(arrivals, now) { while (arrivals.length && arrivals[0] < now - RATE_WINDOW_MS) arrivals.shift(); return arrivals.length / (RATE_WINDOW_MS / 1000); }
  function histogram(sorted) {
    if (sorted.length < 2) return '';
    const lo = Math.log1p(sorted[0]), hi = Math.log1p(sorted[sorted.length - 1]), n = 12, counts = new Array(n).fill(0);
    for (const d of sorted) counts[hi === lo ? 0 : Math.min(n - 1, Math.floor(((Math.log1p(d) - lo) / (hi - lo)) * n))]++;
    const max = Math.max(...counts);
    return '<span class="hist">' + counts.map((c) => '<i style="height:' + Math.round((c / max) * 100) + '%"></i>').join('') + '</span>';
  }
  function esc(v) { return String(v).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';'); }
  function ctx(ev) { return Object.entries(ev.context || {}).map(([k, v]) => esc(k) + '=' + esc(typeof v === 'string' ? v : JSON.stringify(v))).join(' '); }
  function render() {
    if (!dirty) return;
    dirty = false;
    const now = Date.now();
    $('total').textContent = state.total;
    $('rate').textContent = recent(state.arrivals, now).toFixed(1);
    $('errors').textContent = state.errors.length >= MAX_ERRORS ? MAX_ERRORS + '+' : state.errors.length;
    $('names').textContent = state.byName.size;
    const rows = [...state.byName].sort((a, b) => b[1].count - a[1].count).map(([name, s]) => {
      const sorted = s.durations.slice().sort((a, b) => a - b);
      return '<tr data-name="' + esc(name) + '"><td>' + esc(name) + '</td><td class="count">' + s.count + '</td><td class="rate">' + recent(s.arrivals, now).toFixed(1) +
        '</td><td class="p50">' + fmt(percentile(sorted, 50)) + '</td><td class="p95">' + fmt(percentile(sorted, 95)) + '</td><td class="p99">' + fmt(percentile(sorted, 99)) + '</td><td>' + histogram(sorted) + '</td></tr>';
    });
    document.querySelector('#names-table tbody').innerHTML = rows.join('');
    $('error-list').innerHTML = state.errors.map((ev) => '<div class="err"><div><span class="name">' + esc(ev.name) + '</span> ' + esc(ev.timestamp) + '</div><div>' +
      esc(ev.error ? ev.error.type + ': ' + ev.error.message : ev.severity) + '</div><div class="ctx">' + ctx(ev) + '</div></div>').join('');
    $('tail').innerHTML = state.tail.map((ev) => '<div class="' + esc(ev.status || '') + '">' + esc(ev.timestamp) + ' ' + esc(ev.name) +
      (typeof ev.durationMs === 'number' ? ' ' + fmt(ev.durationMs) + 'ms' : '') + ' <span class="ctx">' + ctx(ev) + '</span></div>').join('');
  }
  function connect(filter) {
    if (source) source.close();
    reset();
    source = new EventSource('/v1/stream?filter=' + encodeURIComponent(filter));
    source.addEventListener('hello', (e) => { const h = JSON.parse(e.data); $('filter-problem').textContent = h.problem ? 'filter ignored: ' + h.problem : ''; document.body.dataset.filter = h.filter; });
    source.onmessage = (e) => { for (const ev of JSON.parse(e.data)) add(ev); };
  }
  let debounce;
  $('filter').addEventListener('input', (e) => { clearTimeout(debounce); debounce = setTimeout(() => connect(e.target.value), 250); });
  setInterval(render, 500);
  connect(new URLSearchParams(location.search).get('filter') || '');
})();
</script>
</body>
</html>
`;
