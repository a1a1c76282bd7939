/**
 * The parts of an Express request (4 or 5) that decotel reads. Typed structurally: decotel never
 * imports Express, and `express.Request` fits.
 */
export interface ExpressRequestLike {
  method?: string;
  url?: string;
  originalUrl?: string;
  baseUrl?: string;
  /** The matched route; Express sets it when a route answers. */
  route?: any;
  headers: Record<string, string | string[] | undefined>;
}

/** The parts of an Express response (a Node `ServerResponse`) that decotel uses. */
export interface ExpressResponseLike {
  statusCode: number;
  headersSent: boolean;
  writableFinished?: boolean;
  setHeader(name: string, value: string): unknown;
  on(event: 'finish' | 'close', listener: () => void): unknown;
}

/** Express's `next`. */
export type ExpressNext = (error?: any) => void;

/** The middleware `expressContext()` returns. */
export type ExpressMiddleware<Req extends ExpressRequestLike = ExpressRequestLike> = (req: Req, res: ExpressResponseLike, next: ExpressNext) => void;

/** The error middleware `expressErrorHandler()` returns. */
export type ExpressErrorMiddleware = (error: any, req: ExpressRequestLike, res: ExpressResponseLike, next: ExpressNext) => void;
