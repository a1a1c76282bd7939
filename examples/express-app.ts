// An Express app with request context, request tracking, a decorated service and crash
// reporting; the README's Express section shows this file. Run it with telemetry.config.yaml
// (see the README, "Request context and Express") next to it.
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { TrackDuration, expressContext, expressErrorHandler, telemetry } from 'decotel';

telemetry.configure(); // reads ./telemetry.config.yaml: destinations, capture, shutdown_on_signals

interface Order {
  id: string;
  total: number;
}

class OrderService {
  // orders.load.started / .completed / .failed, each with the request's context
  @TrackDuration('orders.load', { captureArgs: (id: string) => ({ orderId: id }) })
  async load(id: string): Promise<Order> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (id === '0') throw new Error(`order ${id} not found`);
    telemetry.setContext({ orderId: id }); // added to this request's scope only
    return { id, total: 42 };
  }
}

const orders = new OrderService();
const app = express();

// First middleware: one context scope per request.
app.use(
  expressContext({
    trackRequests: true, // http.request.completed / http.request.failed
    context: (req: Request) => ({ userId: req.get('x-user-id') ?? 'anonymous' }),
  }),
);

app.get('/orders/:id', async (req: Request<{ id: string }>, res: Response, next: NextFunction) => {
  try {
    const order = await orders.load(req.params.id);
    telemetry.track('orders.viewed', { total: order.total }); // carries requestId, userId, orderId
    res.json(order);
  } catch (err) {
    next(err);
  }
});

// After the routes: the request's failed event then carries the error.
app.use(expressErrorHandler());
app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
  res.status(500).json({ error: err.message, requestId: telemetry.getContext().requestId });
});

app.listen(3000, '127.0.0.1', () => console.log('listening on http://127.0.0.1:3000'));
