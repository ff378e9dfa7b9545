import { parseArgs } from 'node:util';
import { MOCK_API_KEY, startMockServer } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.MOCK_API_PORT ?? '4010' },
    key: { type: 'string', default: process.env.MOCK_API_KEY ?? MOCK_API_KEY },
    'rate-limit': { type: 'string', default: '120' },
    latency: { type: 'string', default: '0' },
  },
});

const mock = await startMockServer({ port: Number(values.port), apiKey: values.key, rateLimitPerMinute: Number(values['rate-limit']), latencyMs: Number(values.latency) });
console.log(`HelpCrunch mock API listening on ${mock.url}`);
console.log(`API key: ${mock.apiKey}`);
console.log(`Start the app against it: HELPCRUNCH_API_URL=${mock.url} npm start`);
console.log('Known customers: ids 1001-1300 (1001 is Ada Lovelace). Ctrl+C stops it.');
process.on('SIGINT', () => void mock.close().then(() => process.exit(0)));
