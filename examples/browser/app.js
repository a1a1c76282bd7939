// The example page's script: no bundler, the ES module build of decotel/browser served next to it.
// `decotel collect` serves /decotel-browser.js and /decotel-worker.js from node_modules/decotel/dist.
import { getTelemetryLogger, telemetry, withTracking } from '/decotel-browser.js';

const tab = sessionStorage.getItem('decotel-example-tab') ?? `tab-${Math.random().toString(36).slice(2, 6)}`;
sessionStorage.setItem('decotel-example-tab', tab);
document.querySelector('#tab').textContent = tab;

const out = document.querySelector('#out');
const show = (line) => (out.textContent += `\n${line}`);

const logger = getTelemetryLogger({ service: { name: 'decotel-browser-example', version: '1.0.0' }, flushIntervalMs: 5_000 });
telemetry.setContext({ tab });

logger.getConfig().then((config) => {
  document.querySelector('#ready').textContent = logger.isInitialized() ? 'yes' : 'no';
  out.textContent = `remote config: ${JSON.stringify(config)}`;
});

let clicks = 0;
document.querySelector('#log').onclick = () => {
  logger.logEvent({ event_name: 'example.clicked', params: { tab, clicks: ++clicks }, status: 'SUCCESS' });
  show(`logEvent example.clicked #${clicks}`);
};
document.querySelector('#track').onclick = () => {
  telemetry.track('example.tracked', { tab });
  show('track example.tracked');
};
const pay = withTracking('example.pay', () => {
  throw new Error('card declined');
});
document.querySelector('#fail').onclick = () => {
  try {
    pay();
  } catch (err) {
    show(`example.pay.failed: ${err.message}`);
  }
};
document.querySelector('#flush').onclick = async () => {
  const { delivered, pending } = await logger.flush();
  show(`flush: ${delivered} delivered, ${pending} pending`);
};
