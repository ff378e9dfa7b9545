import { seededRandom } from '../seeded-random.ts';
/** A HelpCrunch customer as the API returns it (newer docs' shape: timestamps as numeric strings). */
export interface MockCustomer {
  id: number;
  name: string | null;
  email: string | null;
  userId: string | null;
  company: string | null;
  phone: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  location: { regionCode: string | null; countryCode: string | null; city: string | null };
  tags: { name: string; color: string }[];
  customData: Record<string, unknown>;
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Zoë', 'Łukasz', 'José', 'Amélie', 'Søren', 'Hiroshi', 'Priya', 'Olumide', 'Chen', 'Fatima', 'Mateo', 'Ingrid', 'Nikolai', 'Aroha', 'Yusuf', 'Élodie', 'Björn'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Kowalski', 'García', 'Dubois', 'Kierkegaard', 'Tanaka', 'Sharma', 'Adeyemi', 'Wang', 'Haddad', 'Rossi', 'Johansson', 'Petrov', 'Ngata', 'Yılmaz', 'Müller', 'Novák', "O'Brien"];
const COMPANIES = ['Analytical Engines Ltd', 'Cobol & Co', 'Enigma GmbH', 'Fjord Labs', 'Sakura Systems', null];
const CITIES: [string, string, string][] = [['GB', 'ENG', 'London'], ['PL', 'MZ', 'Warszawa'], ['ES', 'MD', 'Madrid'], ['JP', '13', 'Tokyo'], ['NG', 'LA', 'Lagos']];

function asciiSlug(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/ø/g, 'o').replace(/ı/g, 'i').replace(/[^a-zA-Z]/g, '').toLowerCase();
}

/**
 * 300 customers: the first is always Ada Lovelace (id 1001); every 17th has no name, every 23rd no
 * email, every 5th no userId.
 */
export function makeCustomers(count = 300): MockCustomer[] {
  const random = seededRandom(42);
  const base = 1_767_225_600; // 2026-01-01T00:00:00Z
  const customers: MockCustomer[] = [];
  for (let index = 0; index < count; index += 1) {
    const first = index === 0 ? 'Ada' : FIRST[Math.floor(random() * FIRST.length)]!;
    const last = index === 0 ? 'Lovelace' : LAST[Math.floor(random() * LAST.length)]!;
    const id = 1001 + index;
    const [countryCode, regionCode, city] = CITIES[index % CITIES.length]!;
    const firstSeen = base + Math.floor(random() * 200 * 86_400);
    const lastSeen = firstSeen + Math.floor(random() * 100 * 86_400);
    const suffix = index === 0 ? '' : String(index);
    customers.push({
      id,
      name: index % 17 === 16 ? null : `${first} ${last}`,
      email: index % 23 === 22 ? null : `${asciiSlug(first)}.${asciiSlug(last)}${suffix}@example.com`,
      userId: index % 5 === 4 ? null : `user-${String(id).padStart(6, '0')}`,
      company: COMPANIES[index % COMPANIES.length] ?? null,
      phone: index % 3 === 0 ? `+44 20 7946 ${String(index).padStart(4, '0')}` : null,
      firstSeen: String(firstSeen),
      lastSeen: String(lastSeen),
      location: { countryCode, regionCode, city },
      tags: index % 4 === 0 ? [{ name: 'vip', color: '#ff9900' }] : [],
      customData: { plan: index % 2 === 0 ? 'pro' : 'free' },
    });
  }
  return customers;
}
