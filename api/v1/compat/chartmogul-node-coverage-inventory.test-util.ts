/**
 * Which methods of chartmogul-node (3.12) the coverage test drives, read off the client itself:
 * every function a class carries (its own static methods, and the generic verbs it inherits
 * from the client's Resource class) must be classified here as in scope, CRM (out of scope per
 * API.md), an internal helper, or a Resource verb that has no ChartMogul endpoint at that
 * class's path. A method the client gains and this file does not name fails the inventory test.
 *
 * 103 methods are in scope: the 98 issue 12 counts (the ones chartmogul-node's README and own
 * tests call) and five more the client carries: Invoice.allCustomer and Invoice.allAny (the two
 * requests Invoice.all dispatches to) and the deprecated snake_case wrappers Invoice.all_customer,
 * all_any and destroy_all.
 *
 * Deprecated namespaces: `ChartMogul.Enrichment` ({Customer, CustomAttribute, Tag}) and
 * `ChartMogul.Import` ({Invoice, Subscription, Transaction}) are the very same class objects
 * as the top-level ones (the inventory test checks identity), so their methods are counted and
 * driven once, under the top-level names.
 */
import { createRequire } from 'node:module';

// chartmogul-node is CommonJS without type declarations.
export const ChartMogul = createRequire(import.meta.url)('chartmogul-node');

/** The generic verbs the client's Resource class defines (lib/chartmogul/resource.js `mappings`). */
export const RESOURCE_VERBS = ['all', 'create', 'destroy', 'cancel', 'merge', 'retrieve', 'patch', 'update', 'modify', 'add', 'remove'] as const;
/** Resource's own plumbing, inherited by every class. */
export const RESOURCE_INTERNALS = ['request', '_method'] as const;

export interface ClassEntry {
  /** Methods driven by a scenario: own static methods and the Resource verbs that have an endpoint at the class's path. */
  inScope: string[];
  /** Notes, tasks, opportunities: out of scope per API.md. */
  crm?: string[];
  /** Helpers the public methods call (not called by integrations). */
  internal?: string[];
  /** Nested classes (classified under their own dotted name). */
  nested?: string[];
}

/**
 * Every API class the client exports, by dotted name. Inherited Resource verbs not listed under
 * `inScope` have no ChartMogul endpoint at the class's path (e.g. Plan.add would POST /v1/plans as
 * create does, Ping.destroy would DELETE /v1/ping); they are the "no endpoint" class.
 */
export const CLASSES: Record<string, ClassEntry> = {
  Account: { inScope: ['retrieve'], internal: ['_retrieve'] },
  Contact: { inScope: ['create', 'retrieve', 'modify', 'destroy', 'all', 'merge'] },
  CustomAttribute: { inScope: ['add', 'update', 'remove'] },
  Customer: {
    inScope: [
      'create', 'retrieve', 'all', 'destroy', 'modify', 'patch', 'search', 'attributes', 'contacts', 'createContact',
      'merge', 'unmerge', 'connectSubscriptions', 'disconnectSubscriptions',
    ],
    crm: ['notes', 'createNote', 'opportunities', 'createOpportunity', 'tasks', 'createTask'],
  },
  DataSource: { inScope: ['create', 'retrieve', 'all', 'destroy'] },
  Invoice: {
    inScope: [
      'create', 'all', 'allCustomer', 'allAny', 'all_customer', 'all_any', 'retrieve', 'destroy', 'destroyAll', 'destroy_all',
      'updateStatus', 'modify', 'update', 'destroyByExternalId', 'disable', 'enable', 'disableByExternalId', 'enableByExternalId',
    ],
    internal: ['_setDisabledState', '_setDisabledStateByExternalId'],
  },
  JsonImport: { inScope: ['create', 'retrieve'] },
  LineItem: {
    inScope: [
      'create', 'retrieve', 'modify', 'all', 'update', 'destroy', 'destroyByExternalId', 'disable', 'enable',
      'disableByExternalId', 'enableByExternalId',
    ],
    internal: ['_setDisabledState', '_setDisabledStateByExternalId'],
  },
  Metrics: {
    inScope: ['all', 'mrr', 'arr', 'arpa', 'asp', 'customerCount', 'customerChurnRate', 'mrrChurnRate', 'ltv'],
    nested: ['Customer', 'Activity', 'ActivitiesExport'],
  },
  'Metrics.Customer': {
    inScope: ['activities', 'subscriptions', 'connectSubscriptions', 'disconnectSubscriptions'],
    internal: ['_prepareSubscriptionsData'],
  },
  'Metrics.Activity': { inScope: ['all'] },
  'Metrics.ActivitiesExport': { inScope: ['create', 'retrieve'] },
  Ping: { inScope: ['ping'] },
  Plan: { inScope: ['create', 'retrieve', 'modify', 'destroy', 'all'] },
  Subscription: { inScope: ['all', 'cancel', 'modify'] },
  SubscriptionEvent: {
    inScope: ['create', 'all', 'updateWithParams', 'deleteWithParams', 'disable', 'enable'],
    internal: ['_setDisabledState'],
  },
  Tag: { inScope: ['add', 'remove'] },
  Transaction: {
    inScope: [
      'create', 'retrieve', 'all', 'modify', 'update', 'destroy', 'destroyByExternalId', 'disable', 'enable',
      'disableByExternalId', 'enableByExternalId',
    ],
    internal: ['_setDisabledState', '_setDisabledStateByExternalId'],
  },
};

/** Exports that are CRM classes: out of scope per API.md. */
export const CRM_EXPORTS = ['CustomerNote', 'Opportunity', 'Task', 'PlanGroup'];
/** Exports that are no API class: configuration and the error classes. */
export const NON_API_EXPORTS = [
  'Config', 'ChartMogulError', 'ConfigurationError', 'ForbiddenError', 'NotFoundError', 'ResourceInvalidError',
  'SchemaInvalidError', 'DeprecatedParamError',
];
/** Deprecated namespaces whose members are the top-level classes themselves. */
export const ALIAS_NAMESPACES: Record<string, Record<string, string>> = {
  Enrichment: { Customer: 'Customer', CustomAttribute: 'CustomAttribute', Tag: 'Tag' },
  Import: { Invoice: 'Invoice', Subscription: 'Subscription', Transaction: 'Transaction' },
};

/** The client object at a dotted name (`Metrics.Customer` → ChartMogul.Metrics.Customer). */
export function resolve(dotted: string): any {
  return dotted.split('.').reduce((o, k) => o?.[k], ChartMogul);
}

const Resource = Object.getPrototypeOf(ChartMogul.Plan);

function isResourceClass(cls: unknown): boolean {
  return typeof cls === 'function' && cls !== Resource && (cls as { prototype?: unknown }).prototype instanceof Resource;
}

/** The function-valued static properties a class defines itself. */
function ownFunctions(cls: object): string[] {
  return Object.getOwnPropertyNames(cls).filter((k) => !['length', 'name', 'prototype'].includes(k) && typeof (cls as Record<string, unknown>)[k] === 'function');
}

/** Resource's own static functions, as the client defines them today. */
export function resourceFunctions(): string[] {
  return ownFunctions(Resource).sort();
}

/**
 * Every function a class carries: its own and, for a Resource class, the inherited ones it does
 * not override.
 */
export function classFunctions(dotted: string): { own: string[]; inherited: string[] } {
  const cls = resolve(dotted);
  const own = ownFunctions(cls);
  const inherited = isResourceClass(cls) ? resourceFunctions().filter((k) => !own.includes(k)) : [];
  return { own, inherited };
}

/** What the inventory says a method of a class is, or null when it does not say. */
export function classify(dotted: string, method: string): 'in scope' | 'crm' | 'internal' | 'nested' | 'no endpoint' | null {
  const entry = CLASSES[dotted];
  if (!entry) return null;
  if (entry.inScope.includes(method)) return 'in scope';
  if (entry.crm?.includes(method)) return 'crm';
  if (entry.internal?.includes(method) || (RESOURCE_INTERNALS as readonly string[]).includes(method)) return 'internal';
  if (entry.nested?.includes(method)) return 'nested';
  if (isResourceClass(resolve(dotted)) && (RESOURCE_VERBS as readonly string[]).includes(method) && !Object.getOwnPropertyNames(resolve(dotted)).includes(method)) {
    return 'no endpoint';
  }
  return null;
}

/** Every in-scope method as `Class.method` (dotted class names for the metrics classes). */
export function inScopeMethods(): string[] {
  return Object.entries(CLASSES).flatMap(([cls, entry]) => entry.inScope.map((m) => `${cls}.${m}`));
}

/** The API classes the client exports at the top level and below Metrics, by dotted name. */
export function exportedClasses(): string[] {
  const top = Object.keys(ChartMogul).filter((k) => typeof ChartMogul[k] === 'function' && !CRM_EXPORTS.includes(k) && !NON_API_EXPORTS.includes(k));
  const nested = ownFunctions(ChartMogul.Metrics).filter((k) => /^[A-Z]/.test(k)).map((k) => `Metrics.${k}`);
  return [...top, ...nested].sort();
}
