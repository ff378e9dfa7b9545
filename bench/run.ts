import { benchCliStart } from './cli-start.ts';
import { benchFirstPaint } from './first-paint.ts';
import { benchHistory } from './history.ts';
import { benchPicker } from './picker.ts';
import { benchReplay } from './replay.ts';
import { benchSendOverhead } from './send-overhead.ts';
import { benchSharedBudget } from './shared-budget.ts';
import { benchStartup } from './startup.ts';
import { benchTemplates } from './templates.ts';

// Benchmarks print figures; they are not tests and never fail on a target.
console.log(`Event Desk benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
// On loopback with no latency the baseline is a fraction of a millisecond, so the ratio shows the
// app's fixed cost at its most visible; 30 ms stands in for a fast real round trip to HelpCrunch.
await benchSendOverhead(0);
await benchSendOverhead(30, 200);
await benchCliStart();
await benchStartup();
await benchSharedBudget();
await benchReplay();
benchTemplates();
await benchPicker();
await benchFirstPaint();
await benchHistory();
