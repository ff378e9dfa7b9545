// The core's one public surface. Hosts (src/cli, src/main/index.ts, src/main/services.ts,
// src/main/ipc) import the core from here and nowhere else (an allow-list in .oxlintrc.json), so
// what they can reach is what is listed here: a core that hands out scopes, never "the active
// account's" services.
export { createCore, type Core, type CoreOptions } from './create-core.ts';
export type { Scope, ConfirmProductionOverride } from '../profiles/profile-context.ts';
export { confirmOrigin, originChangeMessage, OriginChanged, type ConfirmOriginChange, type OriginChange, type OriginSubject } from '../profiles/origin-guard.ts';
export { Failure } from '../failure.ts';
export { describeStartupFailure, StartupError } from '../storage/startup-error.ts';
export { APP_NAME, defaultUserDataDir } from '../paths/user-data.ts';
export { KeytarSecretStore } from '../secrets/keytar-store.ts';
export type { SecretStore } from '../secrets/secret-store.ts';
export type { ConfirmKeyOrigin } from '../settings/settings-service.ts';
export { DuplicateError } from '../sending/send-service.ts';
export type { SendResult } from '../outbox/outbox-service.ts';
export { writeAtomically } from '../storage/atomic-file.ts';
export { savedEventSource } from '../library/saved-source.ts';
export { systemTimeZone, ZoneTimes } from '../history/export-times.ts';
export { HeadlessSecretStore, readKeyFile, type HeadlessKeySource } from '../secrets/headless-store.ts';
// The tracking plan (docs/tracking-plan.md): the CLI's `plan` commands read a workspace without a core.
export { Workspace, slugOf, type LoadedPlan, type LoadedDefinition } from '../plan/workspace.ts';
export { chosenWorkspace, FOLDER_WORDS } from '../plan/workspace-setting.ts';
export { checkAgainst, PlanViolationError, violationLines } from '../plan/plan-checker.ts';
export { defaultWorkspaceDir } from '../plan/plan-service.ts';
export { checkFile, type FileFinding } from '../plan/file-check.ts';
export { summarizeDefinition } from '../plan/definition-summary.ts';
export { SourceError } from '../replay/sources/source.ts';
export { installKind, type InstallKind } from '../updates/install-kind.ts';
export { releasesUrl } from '../updates/release-page.ts';
export { checkSavedDraft, SavedDraftBlockedError } from '../library/draft-check.ts';
