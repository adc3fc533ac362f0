import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Settings, SettingsPatch } from './contract.js';
import { ApiError } from './errors.js';
import { languageSettingSchema, remoteContentSendersSchema, themeSettingSchema } from './schemas.js';
import { writeFileAtomic } from './atomic-file.js';

export const SETTINGS_FILE = 'settings.json';

export const DEFAULT_SETTINGS: Settings = { language: 'system', theme: 'system', remoteContentSenders: [] };

/**
 * Settings persisted as JSON in the data folder. Reading is forgiving: a field this version
 * does not understand falls back to its default, and a file that is not JSON at all is moved
 * aside (kept for the user, never silently overwritten) before defaults are used.
 */
export class SettingsStore {
  readonly path: string;
  #current: Settings | undefined;
  /** Serialises writes so two quick updates cannot interleave their read-modify-write. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, SETTINGS_FILE);
  }

  async get(): Promise<Settings> {
    this.#current ??= await this.#load();
    return this.#current;
  }

  update(patch: SettingsPatch): Promise<Settings> {
    const next = this.#queue.then(async () => {
      const merged: Settings = { ...(await this.get()), ...definedOnly(patch) };
      try {
        await writeFileAtomic(this.path, `${JSON.stringify(merged, null, 2)}\n`);
      } catch (error) {
        throw new ApiError('storage-failed', `Could not save the settings to ${this.path}: ${describe(error)}. Check that the folder is writable and the disk is not full.`, { cause: error });
      }
      this.#current = merged;
      return merged;
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #load(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return DEFAULT_SETTINGS;
      throw new ApiError('storage-failed', `Could not read the settings from ${this.path}: ${describe(error)}.`, { cause: error });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      await rename(this.path, `${this.path}.invalid-${Date.now()}`).catch(() => undefined);
      return DEFAULT_SETTINGS;
    }
    const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const language = languageSettingSchema.safeParse(record['language']);
    const theme = themeSettingSchema.safeParse(record['theme']);
    const senders = remoteContentSendersSchema.safeParse(record['remoteContentSenders']);
    return {
      language: language.success ? language.data : DEFAULT_SETTINGS.language,
      theme: theme.success ? theme.data : DEFAULT_SETTINGS.theme,
      remoteContentSenders: senders.success ? senders.data : DEFAULT_SETTINGS.remoteContentSenders,
    };
  }
}

function definedOnly(patch: SettingsPatch): SettingsPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
