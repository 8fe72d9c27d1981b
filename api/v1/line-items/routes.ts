/** line items (LineItem methods of chartmogul-node): being built (issue 12). */
import type { AppContext } from '../../context.ts';
import type { ApiApp } from '../../http/openapi.ts';

export function registerLineItems(_app: ApiApp, _ctx: AppContext): void {}
