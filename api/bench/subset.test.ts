import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMonthAligned } from '../../shared/generator/index.ts';
import { DATASET_FILES } from '../../shared/templates/datasets.ts';
import { readTemplateRows } from '../generate/csv.test-util.ts';
import { writeCompany } from '../generate/write-company.ts';
import { writeMonthAlignedSubset } from './subset.ts';

const tmp = mkdtempSync(join(tmpdir(), 'mogul-subset-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('writeMonthAlignedSubset', () => {
  it('copies exactly the calendar-billed customers and what belongs to them', async () => {
    const src = join(tmp, 'src');
    const out = join(tmp, 'out');
    await writeCompany(src, { tier: 'XS', seed: 2 });
    const counts = await writeMonthAlignedSubset(src, out);

    const customers = readTemplateRows(src, 'customers').filter((c) => isMonthAligned(c['External ID']));
    const invoices = readTemplateRows(src, 'invoices').filter((i) => isMonthAligned(i['Customer external ID']));
    const invoiceIds = new Set(invoices.map((i) => i['Invoice external ID']));
    const lines = readTemplateRows(src, 'line_items').filter((l) => invoiceIds.has(l['Invoice external ID']));
    const planIds = new Set(lines.map((l) => l.Plan).filter(Boolean));
    const plans = readTemplateRows(src, 'plans').filter((p) => planIds.has(p['Plan ID']));
    const cancellations = readTemplateRows(src, 'cancellations').filter((c) => isMonthAligned(c['Customer external ID']));

    expect(customers.length).toBeGreaterThan(5);
    expect(readTemplateRows(out, 'customers')).toEqual(customers);
    expect(readTemplateRows(out, 'invoices')).toEqual(invoices);
    expect(readTemplateRows(out, 'line_items')).toEqual(lines);
    expect(readTemplateRows(out, 'plans')).toEqual(plans);
    expect(readTemplateRows(out, 'cancellations')).toEqual(cancellations);
    expect(counts).toEqual({
      customers: customers.length,
      plans: plans.length,
      invoices: invoices.length,
      line_items: lines.length,
      cancellations: cancellations.length,
    });
    // Same headers as the source files.
    const header = (dir: string) => readFileSync(join(dir, DATASET_FILES.line_items), 'utf8').split('\n', 1)[0];
    expect(header(out)).toBe(header(src));
  });
});
