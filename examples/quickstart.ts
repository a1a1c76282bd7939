// The 30-second example: three events to the console, then a clean shutdown.
import { telemetry } from '../src/index';

telemetry.configure({
  config: {
    telemetry: {
      service: { name: 'quickstart', version: '1.0.0' },
      destinations: { console: { type: 'console', format: 'pretty', events: ['*'] } },
    },
  },
});

telemetry.setContext({ region: 'eu-west-1' });
telemetry.track('user.signup', { plan: 'pro', password: 'never-printed' });
telemetry.track('checkout.completed', { total: 42.5 }, { category: 'payment' });
telemetry.captureException(new Error('card declined'), { orderId: 'o-1' });

void telemetry.shutdown().then((result) => {
  const console_ = telemetry.stats().destinations.console;
  console.log(`\nconsole: ${console_.delivered} events delivered, ${result.pending} pending`);
});
