import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { firstMessage } from '../../shared/event.ts';
import { profileDraftSchema, type Profile, type ProfileDraft, type ProfilesView } from '../../shared/profiles.ts';
import type { Clock } from '../clock.ts';
import { Failure } from '../failure.ts';
import type { ProfileContext } from './profile-context.ts';
import { settingsPath } from './profile-context.ts';
import type { ProfileRepository } from './profile-repository.ts';

export interface ProfileServiceDeps {
  profiles: ProfileRepository;
  clock: Clock;
  userDataDir: string;
  /** The context of a profile (created once, then kept: its jobs and outbox go on when another is active). */
  contextFor: (profile: Profile) => ProfileContext;
  /** The active profile changed: windows refresh every view. */
  changed: (id: string) => void;
}

/** The accounts: create, edit, delete, and which one the app works in. */
export class ProfileService {
  readonly #deps: ProfileServiceDeps;
  #active: string;

  constructor(deps: ProfileServiceDeps, initial: string) {
    this.#deps = deps;
    if (!deps.profiles.get(initial)) throw new Failure('not_found', `There is no profile "${initial}".`);
    this.#active = initial;
  }

  get activeId(): string {
    return this.#active;
  }

  active(): Profile {
    return this.#deps.profiles.get(this.#active)!;
  }

  view(): ProfilesView {
    return { active: this.#active, profiles: this.#deps.profiles.list() };
  }

  /** A profile by id or by name (case-insensitive), as people type it on a command line. */
  find(idOrName: string): Profile {
    const found = this.#deps.profiles.get(idOrName) ?? this.#deps.profiles.byName(idOrName);
    if (!found) throw new Failure('usage', `There is no profile "${idOrName}".`, { hint: `Profiles: ${this.#deps.profiles.list().map((profile) => profile.name).join(', ')}.` });
    return found;
  }

  create(draft: ProfileDraft): Profile {
    const values = check(draft);
    if (this.#deps.profiles.byName(values.name)) throw new Failure('name_taken', `A profile is already called "${values.name}".`, { params: { name: values.name } });
    const slug = values.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 24) || 'profile';
    const profile: Profile = { id: `${slug}-${randomBytes(3).toString('hex')}`, ...values };
    this.#deps.profiles.insert(profile, this.#deps.clock.now());
    return profile;
  }

  update(id: string, draft: ProfileDraft): Profile {
    const existing = this.#deps.profiles.get(id);
    if (!existing) throw new Failure('not_found', `There is no profile "${id}".`, { reason: 'profile', params: { name: id } });
    const values = check(draft);
    const other = this.#deps.profiles.byName(values.name);
    if (other && other.id !== id) throw new Failure('name_taken', `Another profile is already called "${values.name}".`, { params: { name: values.name } });
    const profile = { ...existing, ...values };
    this.#deps.profiles.update(profile);
    if (profile.perMinute !== existing.perMinute) this.#deps.contextFor(profile).budget.setPerMinute(profile.perMinute);
    if (id === this.#active) this.#deps.changed(id);
    return profile;
  }

  /** Makes `id` the profile every view and every send works in; remembered for the next start (and the CLI). */
  use(id: string): Profile {
    const profile = this.#deps.profiles.get(id);
    if (!profile) throw new Failure('not_found', `There is no profile "${id}".`, { reason: 'profile', params: { name: id } });
    this.#deps.contextFor(profile);
    this.#active = id;
    this.#deps.profiles.setState('last_profile', id);
    this.#deps.changed(id);
    return profile;
  }

  /**
   * Deletes a profile that is not the active one, with its history, saved events, jobs and outbox,
   * and removes its key from the keychain. Its running jobs must be paused first.
   */
  async delete(id: string): Promise<void> {
    const profile = this.#deps.profiles.get(id);
    if (!profile) throw new Failure('not_found', `There is no profile "${id}".`, { reason: 'profile', params: { name: id } });
    if (id === this.#active) throw new Failure('invalid_state', `"${profile.name}" is the profile in use: switch to another one first.`, { reason: 'profile_in_use', params: { name: profile.name } });
    if (this.#deps.profiles.list().length === 1) throw new Failure('invalid_state', 'The last profile cannot be deleted.', { reason: 'last_profile' });
    const context = this.#deps.contextFor(profile);
    if (context.runner.running.length > 0) throw new Failure('busy', `"${profile.name}" has a replay job running: pause or cancel it first.`, { reason: 'profile', params: { name: profile.name } });
    context.outbox.stop();
    await context.settings.removeKey().catch(() => {});
    this.#deps.profiles.removeWithData(id);
    if (id !== 'default') rmSync(dirname(settingsPath(this.#deps.userDataDir, id)), { recursive: true, force: true });
  }
}

function check(draft: ProfileDraft) {
  const parsed = profileDraftSchema.safeParse(draft);
  if (!parsed.success) throw new Failure('invalid_input', firstMessage(parsed.error));
  return parsed.data;
}
