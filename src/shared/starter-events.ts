import type { SavedEventDraft } from './saved-events.ts';

/**
 * Common support actions offered when the library is empty (and in "New from starter…"). Added as
 * ordinary saved events: after that they are edited, limited or deleted like any other. Each one
 * is checked against savedEventDraftSchema by test/shared/starter-events.test.ts.
 */
export const STARTER_EVENTS: readonly SavedEventDraft[] = [
  {
    title: 'Call made',
    name: 'Call made',
    description: 'A phone or video call with the customer.',
    template: { topic: '{{input.topic}}', minutes: '{{input.minutes}}', outcome: '{{input.outcome}}', by: 'support', at: '{{now}}' },
    fields: [
      { key: 'topic', label: 'Topic', type: 'text', required: true, choices: [], help: 'What the call was about, in a few words.' },
      { key: 'minutes', label: 'Length (minutes)', type: 'number', required: false, choices: [] },
      { key: 'outcome', label: 'Outcome', type: 'choice', required: true, choices: ['Resolved', 'Follow-up needed', 'No answer'], default: 'Resolved' },
    ],
    tags: ['calls'],
  },
  {
    title: 'Refund issued',
    name: 'Refund issued',
    description: 'Money given back to the customer.',
    template: { amount: '{{input.amount}}', currency: '{{input.currency}}', reason: '{{input.reason}}', at: '{{now}}' },
    fields: [
      { key: 'amount', label: 'Amount', type: 'number', required: true, choices: [], help: 'As a number, like 20 or 19.99.' },
      { key: 'currency', label: 'Currency', type: 'choice', required: true, choices: ['USD', 'EUR', 'GBP'], default: 'USD' },
      { key: 'reason', label: 'Reason', type: 'longtext', required: false, choices: [] },
    ],
    tags: ['billing'],
  },
  {
    title: 'Plan changed',
    name: 'Plan changed',
    description: 'The customer moved to another plan.',
    template: { from: '{{input.from}}', to: '{{input.to}}', effective: '{{input.effective}}' },
    fields: [
      { key: 'from', label: 'Old plan', type: 'choice', required: true, choices: ['Free', 'Basic', 'Pro', 'Enterprise'] },
      { key: 'to', label: 'New plan', type: 'choice', required: true, choices: ['Free', 'Basic', 'Pro', 'Enterprise'] },
      { key: 'effective', label: 'Effective from', type: 'date', required: false, choices: [], help: 'Leave empty if it applies today.' },
    ],
    tags: ['billing'],
  },
  {
    title: 'Ticket escalated',
    name: 'Ticket escalated',
    description: 'A conversation handed to a second-line team.',
    template: { team: '{{input.team}}', urgent: '{{input.urgent}}', summary: '{{input.summary}}', at: '{{now}}' },
    fields: [
      { key: 'team', label: 'Escalated to', type: 'choice', required: true, choices: ['Engineering', 'Billing', 'Account management'] },
      { key: 'urgent', label: 'Urgent', type: 'yesno', required: false, choices: [] },
      { key: 'summary', label: 'Summary', type: 'longtext', required: true, choices: [], help: 'What the next team needs to know.' },
    ],
    tags: ['tickets'],
  },
  {
    title: 'Onboarding step done',
    name: 'Onboarding step done',
    description: 'The customer finished a step of onboarding with us.',
    template: { step: '{{input.step}}', on: '{{input.on}}' },
    fields: [
      { key: 'step', label: 'Step', type: 'choice', required: true, choices: ['Account set up', 'Data imported', 'Team invited', 'First campaign sent'] },
      { key: 'on', label: 'Done on', type: 'date', required: false, choices: [] },
    ],
    tags: ['onboarding'],
  },
  {
    title: 'Note added',
    name: 'Note added',
    description: 'A free-text note about the customer.',
    template: { note: '{{input.note}}', at: '{{now}}' },
    fields: [{ key: 'note', label: 'Note', type: 'longtext', required: true, choices: [] }],
    tags: ['notes'],
  },
];
