/**
 * The names of the IPC channels and pushes, dependency-free so the sandboxed preload can import
 * them without bundling zod. contract.ts must define exactly these (the type checker enforces it).
 */
export const channelNames = [
  'settings:get',
  'settings:setBaseUrl',
  'key:set',
  'key:remove',
  'key:test',
  'events:send',
  'history:list',
  'history:get',
  'customers:search',
  'customers:recent',
  'customers:remember',
  'history:count',
  'history:eventNames',
  'history:delete',
  'history:clear',
  'history:export',
  'history:cancelExport',
  'app:notices',
  'settings:setRetention',
  'events:sendAgain',
  'jobs:list',
  'jobs:get',
  'jobs:items',
  'jobs:planFile',
  'jobs:planHistory',
  'jobs:start',
  'jobs:pause',
  'jobs:cancel',
  'jobs:discard',
  'jobs:retry',
  'jobs:resolveUnknown',
  'jobs:export',
  'saved:list',
  'saved:create',
  'saved:update',
  'saved:duplicate',
  'saved:delete',
  'saved:undoDelete',
  'saved:send',
  'saved:sendMany',
  'saved:export',
  'saved:import',
  'history:shape',
] as const;

export const pushNames = ['history:changed', 'export:progress', 'job:event', 'jobs:changed'] as const;

export type ChannelName = (typeof channelNames)[number];
export type PushName = (typeof pushNames)[number];
