import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDefinition, parseDefinition } from '../../src/main/plan/definition-file.ts';
import { PLAN_LIMITS } from '../../src/main/plan/limits.ts';
import { checkAgainst, PlanChecker } from '../../src/main/plan/plan-checker.ts';
import { slugOf, Workspace } from '../../src/main/plan/workspace.ts';
import type { EventDefinition } from '../../src/shared/plan.ts';
import { tempFoldersFor } from '../support/temp-folder.ts';

const temp = tempFoldersFor('event-desk-plan-');

const refund: EventDefinition = {
  name: 'Refund issued',
  description: 'A refund was paid out to the customer.',
  owner: 'billing',
  status: 'active',
  enforcement: 'block',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['amount', 'method'],
    properties: {
      method: { type: 'string', enum: ['card', 'cash'] },
      amount: { type: 'number', minimum: 0 },
      at: { type: 'string', format: 'date-time' },
    },
  },
};

function workspaceWith(files: Record<string, string>): { dir: string; workspace: Workspace } {
  const dir = temp();
  mkdirSync(join(dir, 'definitions'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, workspace: new Workspace(dir) };
}

describe('the workspace file format', () => {
  it('write → read gives the same definition, in a file named after the event, keys in a fixed order', async () => {
    const dir = temp();
    const workspace = new Workspace(join(dir, 'workspace'));
    expect((await workspace.load()).definitions.size).toBe(0);
    const file = await workspace.write(refund);
    expect(file).toBe('definitions/refund-issued.yaml');
    const loaded = await workspace.load();
    expect(loaded.problems).toEqual([]);
    expect(loaded.definitions.get('Refund issued')?.definition).toEqual(refund);
    const text = readFileSync(join(workspace.dir, file), 'utf8');
    // Stable order: the same definition with its keys shuffled writes the same bytes.
    const shuffled = { schema: { properties: { at: refund.schema.properties && (refund.schema.properties as Record<string, unknown>).at, amount: { minimum: 0, type: 'number' }, method: { enum: ['card', 'cash'], type: 'string' } }, required: ['amount', 'method'], type: 'object', additionalProperties: false }, enforcement: 'block', status: 'active', owner: 'billing', description: refund.description, name: refund.name } as EventDefinition;
    expect(formatDefinition(shuffled)).toBe(text);
    expect(text.split('\n').slice(0, 6)).toEqual(['name: Refund issued', 'description: A refund was paid out to the customer.', 'owner: billing', 'status: active', 'enforcement: block', 'schema:']);
    expect(text).toMatch(/ {2}type: object\n {2}required:\n/);
    // Written again: the same file, no second one, no partial left behind.
    await workspace.write({ ...refund, owner: 'finance' });
    expect(readdirSync(join(workspace.dir, 'definitions'))).toEqual(['refund-issued.yaml']);
    expect((await workspace.load()).definitions.get('Refund issued')?.definition.owner).toBe('finance');
    expect(statSync(join(workspace.dir, file)).mode & 0o777).toBe(0o644);
  });

  it('reads JSON definitions too, and plan.yaml\'s "only planned events"; a JSON definition is written back as JSON', async () => {
    const { dir, workspace } = workspaceWith({ 'definitions/refund.json': JSON.stringify(refund), 'plan.yaml': 'onlyPlannedEvents: true\n' });
    const loaded = await workspace.load();
    expect(loaded.problems).toEqual([]);
    expect(loaded.settings).toEqual({ onlyPlannedEvents: true });
    expect(checkAgainst(loaded, { name: 'Unplanned', data: {} })).toEqual({ verdict: 'block', definition: null, violations: [{ path: 'name', message: 'is not in the tracking plan, which allows only planned events' }] });
    expect(await workspace.write({ ...refund, owner: 'finance' })).toBe('definitions/refund.json');
    const written = JSON.parse(readFileSync(join(dir, 'definitions/refund.json'), 'utf8')) as EventDefinition;
    expect(Object.keys(written)).toEqual(['name', 'description', 'owner', 'status', 'enforcement', 'schema']);
    expect(written).toEqual({ ...refund, owner: 'finance' });
  });

  it('names files so they diff well', async () => {
    expect(slugOf('Refund issued')).toBe('refund-issued');
    expect(slugOf('  Café: crème brûlée!! ')).toBe('cafe-creme-brulee');
    expect(slugOf('日本語')).toBe('event');
    expect(slugOf('x'.repeat(300))).toHaveLength(80);
  });

  it('a file that does not parse and one whose schema is invalid are listed with their line; the others load; nothing is changed on disk', async () => {
    const syntax = 'name: Broken\nstatus: active\nschema:\n  type: object\n  properties: [\n';
    const badSchema = 'name: Bad schema\nstatus: active\nschema:\n  type: object\n  properties:\n    amount:\n      type: numbr\n';
    const badKeyword = 'name: Regex\nstatus: active\nschema:\n  type: object\n  properties:\n    code:\n      pattern: "(a+)+$"\n';
    const badStatus = 'name: Status\nstatus: live\nschema:\n  type: object\n';
    const { dir, workspace } = workspaceWith({
      'definitions/refund-issued.yaml': formatDefinition(refund),
      'definitions/broken.yaml': syntax,
      'definitions/bad-schema.yaml': badSchema,
      'definitions/regex.yaml': badKeyword,
      'definitions/status.yaml': badStatus,
      'definitions/notes.md': 'not a definition: ignored',
    });
    const loaded = await workspace.load();
    expect([...loaded.definitions.keys()]).toEqual(['Refund issued']);
    expect(loaded.problems).toEqual([
      { file: 'definitions/bad-schema.yaml', line: 3, message: expect.stringMatching(/^schema: .*type/) },
      { file: 'definitions/broken.yaml', line: 6, message: expect.stringMatching(/Flow sequence/) },
      { file: 'definitions/regex.yaml', line: 7, message: expect.stringMatching(/"pattern" is not a keyword a plan may use/) },
      { file: 'definitions/status.yaml', line: 2, message: 'status: must be one of: draft, active, deprecated' },
    ]);
    // The checker says an event with a broken definition was not checked, rather than "not planned".
    expect(checkAgainst(loaded, { name: 'Broken', data: {} })).toMatchObject({ verdict: 'warn', violations: [{ path: 'name', message: expect.stringMatching(/definitions\/broken\.yaml cannot be read \(line 6/) }] });
    // Writing a definition whose file name is taken by a broken file never overwrites it.
    expect(await workspace.write({ ...refund, name: 'Broken', schema: { type: 'object' } })).toBe('definitions/broken-2.yaml');
    expect(readFileSync(join(dir, 'definitions/broken.yaml'), 'utf8')).toBe(syntax);
    expect(readFileSync(join(dir, 'definitions/bad-schema.yaml'), 'utf8')).toBe(badSchema);
    expect(readFileSync(join(dir, 'definitions/regex.yaml'), 'utf8')).toBe(badKeyword);
  });

  it('two files for one event: the second is listed, not silently preferred', async () => {
    const { workspace } = workspaceWith({ 'definitions/a.yaml': formatDefinition(refund), 'definitions/b.yaml': formatDefinition({ ...refund, owner: 'other' }) });
    const loaded = await workspace.load();
    expect(loaded.definitions.get('Refund issued')?.file).toBe('definitions/a.yaml');
    expect(loaded.problems).toEqual([{ file: 'definitions/b.yaml', line: 1, message: 'the event "Refund issued" is already defined in definitions/a.yaml: keep one of them' }]);
  });

  it('never writes an invalid definition', async () => {
    const workspace = new Workspace(temp());
    await expect(workspace.write({ ...refund, schema: { type: 'object', properties: { a: { pattern: 'x' } } } })).rejects.toThrow(/not valid/);
    await expect(workspace.write({ ...refund, schema: { type: 'object', properties: { a: { type: 'numbr' } } } })).rejects.toThrow(/not valid/);
  });
});

describe('hostile workspace files', () => {
  it('a 10 MB file is refused by its size, unread', async () => {
    const { workspace } = workspaceWith({ 'definitions/huge.yaml': `name: Huge\nstatus: active\nschema:\n  type: object\n  description: "${'x'.repeat(10 * 1024 * 1024)}"\n`, 'definitions/refund-issued.yaml': formatDefinition(refund) });
    const loaded = await workspace.load();
    expect(loaded.problems).toEqual([{ file: 'definitions/huge.yaml', line: null, message: `the file is too large (10.0 MiB; a definition may be at most ${PLAN_LIMITS.fileBytes / 1024} KiB)` }]);
    expect(loaded.definitions.has('Refund issued')).toBe(true);
  });

  it('a deeply nested schema, in YAML or in flow style thousands deep, is refused with a message', async () => {
    let nested = 'type: string';
    for (let level = 0; level < 20; level += 1) nested = `type: object\nproperties:\n  a:\n${nested.split('\n').map((line) => `    ${line}`).join('\n')}`;
    const deepYaml = `name: Deep\nstatus: active\nschema:\n${nested.split('\n').map((line) => `  ${line}`).join('\n')}\n`;
    const deepFlow = `name: Flow\nstatus: active\nschema: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    const { workspace } = workspaceWith({ 'definitions/deep.yaml': deepYaml, 'definitions/flow.yaml': deepFlow });
    const problems = (await workspace.load()).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ file: 'definitions/deep.yaml', message: expect.stringMatching(/nested too deeply/) });
    expect(problems[0]?.line).toBeGreaterThan(3);
    expect(problems[1]).toMatchObject({ file: 'definitions/flow.yaml', line: 3, message: expect.stringMatching(/nested too deeply/) });
  });

  it('aliases (billion laughs), symlinks, other files\' keys and non-UTF-8 are refused', async () => {
    const laughs = `name: Laughs\nstatus: active\nschema:\n  type: object\n  examples: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n  default: [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n`;
    const { dir, workspace } = workspaceWith({ 'definitions/laughs.yaml': laughs, 'definitions/latin1.yaml': 'name: Caf\xe9\n', 'definitions/typo.yaml': 'name: Typo\nstatus: active\nenforcment: block\nschema:\n  type: object\n' });
    writeFileSync(join(dir, 'definitions/latin1.yaml'), Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    symlinkSync('/etc/passwd', join(dir, 'definitions/link.yaml'));
    expect((await workspace.load()).problems).toEqual([
      { file: 'definitions/latin1.yaml', line: null, message: 'the file is not UTF-8 text' },
      { file: 'definitions/laughs.yaml', line: 6, message: 'YAML aliases (*name) are not allowed in a workspace file: write the value out' },
      { file: 'definitions/link.yaml', line: null, message: 'is a symbolic link: workspace files must be plain files' },
      { file: 'definitions/typo.yaml', line: 3, message: 'enforcment: unknown key "enforcment" (allowed: name, description, owner, status, enforcement, schema)' },
    ]);
  });

  it('parses definition text with every problem\'s line', async () => {
    // Keyword values are Ajv's to judge (at load, with the line of `schema`): the text itself is fine.
    expect(parseDefinition('name: X\nstatus: active\nschema:\n  type: object\n  properties:\n    a:\n      minimum: "ten"\n')).toHaveProperty('definition');
    expect(parseDefinition('')).toEqual({ problems: [{ line: null, message: 'the file is empty' }] });
    expect(parseDefinition('- a\n- b\n')).toEqual({ problems: [{ line: 1, message: expect.stringMatching(/expected a mapping/) }] });
    expect(parseDefinition('status: active\nschema:\n  type: object\n')).toEqual({ problems: [{ line: 1, message: 'name: missing (required)' }] });
  });
});

describe('the plan checker', () => {
  it('compiles once per load, reads the files again only when they changed, and gives verdicts by status and enforcement', async () => {
    const dir = temp();
    const workspace = new Workspace(dir);
    await workspace.write(refund);
    await workspace.write({ ...refund, name: 'Draft event', status: 'draft' });
    await workspace.write({ ...refund, name: 'Old event', status: 'deprecated', enforcement: 'warn', description: 'Use "Refund issued".', schema: { type: 'object' } });
    let loads = 0;
    let now = 0;
    const checker = new PlanChecker({ workspace: { dir, signature: () => workspace.signature(), load: () => (loads++, workspace.load()) }, now: () => now, freshForMs: 1000 });
    expect(await checker.check({ name: 'Refund issued', data: { amount: 20, method: 'card' } })).toEqual({ verdict: 'ok', definition: 'Refund issued', violations: [] });
    expect(await checker.check({ name: 'Refund issued', data: { amount: '20', method: 'card' } })).toEqual({ verdict: 'block', definition: 'Refund issued', violations: [{ path: 'data.amount', message: 'expected number' }] });
    // A draft warns where an active definition would block.
    expect((await checker.check({ name: 'Draft event', data: {} })).verdict).toBe('warn');
    expect(await checker.check({ name: 'Old event', data: {} })).toEqual({ verdict: 'warn', definition: 'Old event', violations: [{ path: 'name', message: 'is deprecated in the tracking plan (Use "Refund issued".)' }] });
    expect(await checker.check({ name: 'Nobody planned this', data: {} })).toEqual({ verdict: 'warn', definition: null, violations: [{ path: 'name', message: 'is not in the tracking plan' }] });
    await expect(checker.enforce({ name: 'Refund issued', data: {} })).rejects.toThrow(/Not sent: the tracking plan blocks "Refund issued": data.amount: missing \(required\); data.method: missing \(required\)\./);
    expect(loads).toBe(1);
    // Unchanged files: not read again.
    now += 5000;
    await checker.check({ name: 'Refund issued', data: {} });
    expect(loads).toBe(1);
    // Edited: read again once the check interval has passed.
    await workspace.write({ ...refund, enforcement: 'warn' });
    now += 5000;
    expect((await checker.check({ name: 'Refund issued', data: {} })).verdict).toBe('warn');
    expect(loads).toBe(2);
  });

  it('an empty workspace is no plan: every event is ok', async () => {
    const checker = new PlanChecker({ workspace: new Workspace(join(temp(), 'none')), now: () => 0 });
    expect(await checker.check({ name: 'Anything', data: { a: 1 } })).toEqual({ verdict: 'ok', definition: null, violations: [] });
  });
});
