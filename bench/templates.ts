import { resolveTemplate, type InputField } from '../src/shared/template.ts';
import { ms } from './stats.ts';

/** Resolving a saved event's template with 20 placeholders, 100,000 times (target ≤ 1 s), beside a JSON round trip of the same object. */
export function benchTemplates(): void {
  const fields: InputField[] = Array.from({ length: 8 }, (_, index) => ({ key: `f${index}`, label: `Field ${index}`, type: index % 2 ? 'number' : 'text', required: true, choices: [] }));
  const template: Record<string, unknown> = {
    at: '{{now}}', unix: '{{now.unix}}', day: '{{today}}', id: '{{uuid}}', customer: '{{customer.id}}', email: '{{customer.email}}', who: '{{customer.name}}',
    note: 'Refund for {{customer.name}} on {{today}}', nested: { a: '{{input.f0}}', b: '{{input.f1}}', c: ['{{input.f2}}', '{{input.f3}}'] },
    more: '{{input.f4}} / {{input.f5}}', last: '{{input.f6}}', amount: '{{input.f7}}', plain: 'no placeholder', n: 3,
  };
  const context = { now: new Date(), uuid: () => 'u', customer: { id: 1001, email: 'ada@example.com', name: 'Ada', userId: 'u1' }, inputs: Object.fromEntries(fields.map((field, index) => [field.key, String(index)])) };
  const runs = 100_000;
  for (let i = 0; i < 2000; i += 1) resolveTemplate(template, fields, context);
  let started = performance.now();
  for (let i = 0; i < runs; i += 1) if (!resolveTemplate(template, fields, context).ok) throw new Error('template failed');
  const resolve = performance.now() - started;
  started = performance.now();
  for (let i = 0; i < runs; i += 1) JSON.parse(JSON.stringify(template));
  const roundTrip = performance.now() - started;
  console.log(`\n## Templates: ${runs.toLocaleString('en')} resolutions of a template with 20 placeholders`);
  console.log('| approach | total | per resolution |');
  console.log('| --- | --- | --- |');
  console.log(`| Event Desk (check + resolve, typed) | ${ms(resolve)} | ${((resolve / runs) * 1000).toFixed(2)} µs |`);
  console.log(`| JSON.parse(JSON.stringify(template)) (a copy, nothing resolved) | ${ms(roundTrip)} | ${((roundTrip / runs) * 1000).toFixed(2)} µs |`);
  console.log(`Target ≤ 1 s: ${resolve <= 1000 ? 'met' : 'NOT met'}`);
}
