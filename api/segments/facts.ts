/**
 * What a segment's conditions are decided on, read from the store for one request: each
 * customer's facts (customer conditions) and the account's plans (plan conditions: a plan is
 * named by its UUID, external ID or name, a data source by its UUID or name). Read per request,
 * not per data version: tags and custom attributes change without a recompute.
 */
import {
  customerMatches, planMatches, type AttributeValue, type CustomerFacts, type PlanFacts, type Segment,
} from '../../shared/index.ts';
import type { Tx } from '../db/client.ts';
import { accountDataSources, accountPlans, customerFacts, type CustomerFactsRow } from '../store/segment-facts.ts';
import { PREFIX } from '../v1/conventions/ids.ts';

const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * A stored custom attribute value as a typed one: numbers and booleans as JSON holds them, a
 * Timestamp (stored as an ISO instant) as a date, any other text as text; null when absent.
 */
export function attributeValueOf(stored: unknown): AttributeValue | null {
  if (typeof stored === 'number' && Number.isFinite(stored)) return { type: 'number', value: stored };
  if (typeof stored === 'boolean') return { type: 'boolean', value: stored };
  if (typeof stored === 'string') {
    if (stored === '') return null;
    return STORED_INSTANT.test(stored) ? { type: 'date', value: Date.parse(stored) } : { type: 'text', value: stored };
  }
  return null;
}

export interface SegmentCustomer extends CustomerFacts {
  id: string;
  externalId: string;
  dataSourceId: string;
}

function factsOf(row: CustomerFactsRow, dataSourceName: string | undefined): SegmentCustomer {
  const attributes: Record<string, AttributeValue | null> = {};
  for (const [key, value] of Object.entries(row.attributes.custom)) attributes[key] = attributeValueOf(value);
  return {
    id: row.id,
    externalId: row.externalId,
    dataSourceId: row.dataSourceId,
    country: row.country,
    state: row.state,
    city: row.city,
    tags: row.attributes.tags,
    attributes,
    dataSource: { id: `${PREFIX.dataSource}${row.dataSourceId}`, name: dataSourceName ?? null },
    currencies: row.currencies,
  };
}

/** The customers (uuids) a segment's customer conditions keep. */
export async function customersKept(tx: Tx, accountId: string, segment: Segment): Promise<Set<string>> {
  const names = new Map((await accountDataSources(tx, accountId)).map((d) => [d.id, d.name]));
  const kept = new Set<string>();
  for (const row of await customerFacts(tx, accountId)) {
    if (customerMatches(segment, factsOf(row, names.get(row.dataSourceId)))) kept.add(row.id);
  }
  return kept;
}

/** The account's plans as plan conditions see them, by data source then external ID. */
export type PlansBySource = Map<string, Map<string, PlanFacts>>;

export async function plansBySource(tx: Tx, accountId: string): Promise<PlansBySource> {
  const out: PlansBySource = new Map();
  for (const p of await accountPlans(tx, accountId)) {
    let plans = out.get(p.dataSourceId);
    if (!plans) out.set(p.dataSourceId, (plans = new Map()));
    plans.set(p.externalId, {
      externalId: p.externalId, name: p.name, uuid: `${PREFIX.plan}${p.id}`,
      intervalUnit: p.intervalUnit, intervalCount: p.intervalCount,
    });
  }
  return out;
}

/** The external IDs of each data source's plans that satisfy the segment's plan conditions. */
export function matchingPlans(segment: Segment, plans: PlansBySource): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [dataSourceId, byId] of plans) {
    const ids = [...byId.values()].filter((p) => planMatches(segment, p)).map((p) => p.externalId);
    if (ids.length > 0) out.set(dataSourceId, ids);
  }
  return out;
}
