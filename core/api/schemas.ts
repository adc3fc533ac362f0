import { z } from 'zod';
import type { AppInfo, RequestArgs, RequestName, RequestResult, Settings, SettingsPatch, TegamiEvent } from './contract.js';

/**
 * Runtime schemas for everything that crosses a host boundary. Arguments arrive as `unknown`
 * (from IPC or a WebSocket frame) and are parsed here before the service sees them. The
 * `satisfies` clauses tie each schema to the contract's types, so the two cannot drift.
 */

export const languageSettingSchema = z.enum(['system', 'en', 'ja']);
export const themeSettingSchema = z.enum(['system', 'light', 'dark']);

export const settingsSchema = z.strictObject({
  language: languageSettingSchema,
  theme: themeSettingSchema,
}) satisfies z.ZodType<Settings>;

/** A patch names at least one setting and nothing that is not a setting. */
export const settingsPatchSchema = z
  .strictObject({
    language: languageSettingSchema.optional(),
    theme: themeSettingSchema.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'The patch changes no setting.' }) satisfies z.ZodType<SettingsPatch>;

export const appInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  host: z.enum(['electron', 'web']),
  dataDir: z.string(),
  locale: z.string(),
}) satisfies z.ZodType<AppInfo>;

export const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), appInfo: appInfoSchema }),
  z.strictObject({ type: z.literal('settings-changed'), settings: settingsSchema }),
]) satisfies z.ZodType<TegamiEvent>;

export interface MethodSpec<M extends RequestName> {
  /** The argument list as a tuple: what the caller passed, positionally. */
  readonly args: z.ZodType<RequestArgs<M>>;
  /** The answer; checked in tests and available to hosts that want to assert their own output. */
  readonly result: z.ZodType<RequestResult<M>>;
}

export type MethodTable = { readonly [M in RequestName]: MethodSpec<M> };

/** Method name → schemas. A contract method without an entry here does not compile. */
export const METHODS: MethodTable = {
  getAppInfo: { args: z.tuple([]), result: appInfoSchema },
  getSettings: { args: z.tuple([]), result: settingsSchema },
  updateSettings: { args: z.tuple([settingsPatchSchema]), result: settingsSchema },
};
