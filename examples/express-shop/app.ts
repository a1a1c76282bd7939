// The shop's HTTP API on Express 5, with one context scope per request.
import express from 'express5';
import type { NextFunction, Request, Response } from 'express';
import { expressContext, expressErrorHandler } from '../../src/index';
import { CheckoutService, Inventory, OrderRepository, PaymentGateway } from './shop';

export function createShopApp(): express.Express {
  const repo = new OrderRepository();
  const checkout = new CheckoutService(repo, new PaymentGateway(), new Inventory());
  const app = express();
  app.use(express.json());
  app.use(expressContext({ trackRequests: true, context: (req: Request) => ({ userId: req.get('x-user-id') ?? 'anonymous' }) }));

  app.post('/checkout', async (req: Request, res: Response) => {
    const { items, card_number: card } = req.body as { items: string[]; card_number: string };
    const order = await checkout.checkout(req.get('x-user-id') ?? 'anonymous', items, card);
    res.status(201).json(order);
  });

  app.get('/orders/:id', async (req: Request<{ id: string }>, res: Response) => {
    const order = await repo.find(req.params.id);
    if (order === undefined) res.status(404).json({ error: 'not found' });
    else res.json(order);
  });

  app.use(expressErrorHandler());
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    res.status(err.message.includes('declined') ? 402 : 500).json({ error: err.message });
  });
  return app;
}
