/**
 * The generated company's price list and the word lists its customers are named from.
 * Prices are per seat (main plans) or per unit (add-ons) per billing period, in cents of the
 * customer's currency (USD and EUR customers see the same numbers).
 */

export type Family = 'starter' | 'pro' | 'business';
export type AddonKind = 'support' | 'storage';
export type Cadence = 'monthly' | 'quarterly' | 'annual';

export interface PlanDef {
  id: string;
  name: string;
  intervalCount: number;
  intervalUnit: 'month' | 'year';
  /** Length of one billing period in months. */
  months: number;
  /** Price of one seat (or add-on unit) for one billing period, in cents. */
  unitPrice: number;
}

const plan = (
  id: string,
  name: string,
  intervalCount: number,
  intervalUnit: 'month' | 'year',
  unitPrice: number,
): PlanDef => ({
  id,
  name,
  intervalCount,
  intervalUnit,
  months: intervalUnit === 'year' ? 12 * intervalCount : intervalCount,
  unitPrice,
});

/** Annual plans cost ten months; the quarterly one gives 5% off. */
export const PLANS: readonly PlanDef[] = [
  plan('starter_monthly', 'Starter Monthly', 1, 'month', 1_500),
  plan('starter_annual', 'Starter Annual', 1, 'year', 15_000),
  plan('pro_monthly', 'Pro Monthly', 1, 'month', 4_000),
  plan('pro_quarterly', 'Pro Quarterly', 3, 'month', 11_400),
  plan('pro_annual', 'Pro Annual', 1, 'year', 40_000),
  plan('business_monthly', 'Business Monthly', 1, 'month', 9_000),
  plan('business_annual', 'Business Annual', 12, 'month', 90_000),
  plan('support_monthly', 'Priority Support Add-on (monthly)', 1, 'month', 9_900),
  plan('support_annual', 'Priority Support Add-on (annual)', 1, 'year', 99_000),
  plan('storage_monthly', 'Extra Storage 100 GB (monthly)', 1, 'month', 2_500),
  plan('storage_annual', 'Extra Storage 100 GB (annual)', 1, 'year', 25_000),
];

const byId = new Map(PLANS.map((p) => [p.id, p]));

export function planById(id: string): PlanDef {
  const p = byId.get(id);
  if (!p) throw new Error(`unknown plan ${id}`);
  return p;
}

export const FAMILIES: readonly Family[] = ['starter', 'pro', 'business'];

/** Only Pro has a quarterly variant. */
export function mainPlan(family: Family, cadence: Cadence): PlanDef {
  if (cadence === 'quarterly') {
    if (family !== 'pro') throw new Error('only pro is sold quarterly');
    return planById('pro_quarterly');
  }
  return planById(`${family}_${cadence}`);
}

/** Add-ons exist for monthly and annual main plans (they are co-termed with the main plan). */
export function addonPlan(kind: AddonKind, cadence: Cadence): PlanDef {
  if (cadence === 'quarterly') throw new Error('no quarterly add-ons');
  return planById(`${kind}_${cadence}`);
}

export const SETUP_FEES: Record<Family, number> = { starter: 9_900, pro: 25_000, business: 100_000 };

export const COMPANY_STEMS = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Wonka', 'Tyrell',
  'Cyberdyne', 'Soylent', 'Aperture', 'Black Mesa', 'Massive Dynamic', 'Pied Piper', 'Dunder',
  'Prestige', 'Oscorp', 'Gringotts', 'Monarch', 'Nakatomi', 'Virtucon', 'Zorg', 'Blue Sun',
  'Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Litware', 'Adatum', 'Proseware', 'Lucerne',
  'Alpine', 'Bluebird', 'Cobalt', 'Driftwood', 'Evergreen', 'Foxglove', 'Granite', 'Harbor',
  'Ironclad', 'Juniper', 'Keystone', 'Lighthouse', 'Meridian', 'Nimbus', 'Orchard', 'Pinnacle',
  'Quartz', 'Redwood', 'Summit', 'Tidewater', 'Upland', 'Vertex', 'Willow', 'Yonder', 'Zephyr',
];

export const COMPANY_SUFFIXES = [
  'Labs', 'Analytics', 'Software', 'Systems', 'Digital', 'Media', 'Health', 'Logistics', 'Studio',
  'Cloud', 'Data', 'Works', 'Partners', 'Group', 'Ventures', 'Robotics', 'Foods', 'Energy',
];

/** Legal forms; some contain a comma or quotes so the CSV writer's quoting is exercised. */
export const LEGAL_FORMS = ['', '', '', ' Inc.', ', Inc.', ' LLC', ' Ltd', ' GmbH', ' & Co.', ' "The Firm"'];

export const FIRST_NAMES = [
  'Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Tim',
  'Radia', 'Guido', 'Sophie', 'Bjarne', 'Hedy', 'John', 'Karen', 'Donald', 'Shafi', 'Niklaus',
  'Anita', 'Edsger', 'Joan', 'Leslie', 'Mary', 'Yukihiro', 'Lin', 'Chen', 'Priya', 'Omar',
];

export const LAST_NAMES = [
  'Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen',
  'Berners-Lee', 'Perlman', 'van Rossum', 'Wilson', 'Stroustrup', 'Lamarr', 'McCarthy', 'Jones',
  "O'Brien", 'Knuth', 'Goldwasser', 'Wirth', 'Borg', 'Dijkstra', 'Clarke', 'Lamport', 'Keller',
];

export interface Region {
  country: string;
  currency: 'USD' | 'EUR';
  /** Tax rate in basis points charged to taxed customers of the region. */
  taxBp: number;
  places: readonly (readonly [state: string, city: string, zip: string])[];
}

export const REGIONS: Record<string, Region> = {
  US: {
    country: 'US', currency: 'USD', taxBp: 800,
    places: [['CA', 'San Francisco', '94107'], ['NY', 'New York', '10001'], ['TX', 'Austin', '78701'],
      ['WA', 'Seattle', '98101'], ['MA', 'Boston', '02110'], ['IL', 'Chicago', '60601']],
  },
  CA: { country: 'CA', currency: 'USD', taxBp: 1300, places: [['ON', 'Toronto', 'M5V 2T6'], ['BC', 'Vancouver', 'V6B 1A1']] },
  GB: { country: 'GB', currency: 'USD', taxBp: 2000, places: [['', 'London', 'EC1A 1BB'], ['', 'Manchester', 'M1 1AE']] },
  AU: { country: 'AU', currency: 'USD', taxBp: 1000, places: [['NSW', 'Sydney', '2000']] },
  DE: { country: 'DE', currency: 'EUR', taxBp: 1900, places: [['', 'Berlin', '10115'], ['', 'Munich', '80331']] },
  FR: { country: 'FR', currency: 'EUR', taxBp: 2000, places: [['', 'Paris', '75001'], ['', 'Lyon', '69001']] },
  NL: { country: 'NL', currency: 'EUR', taxBp: 2100, places: [['', 'Amsterdam', '1012 AB']] },
  ES: { country: 'ES', currency: 'EUR', taxBp: 2100, places: [['', 'Madrid', '28001']] },
};
