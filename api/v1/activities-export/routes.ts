/** POST/GET /v1/activities_export: being built (issue 12). */
import type { AppContext } from '../../context.ts';
import type { ApiApp } from '../../http/openapi.ts';

export function registerActivitiesExport(_app: ApiApp, _ctx: AppContext): void {}
