/** POST /v1/data_sources/{ds}/json_imports and its status: being built (issue 12). */
import type { AppContext } from '../../context.ts';
import type { ApiApp } from '../../http/openapi.ts';

export function registerJsonImports(_app: ApiApp, _ctx: AppContext): void {}
