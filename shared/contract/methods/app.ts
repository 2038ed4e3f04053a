import { z } from 'zod';
import { method } from '../define';
import { languages } from '../../i18n/namespaces';

export const LanguageSchema = z.enum(languages);

export const RecentProjectSchema = z.object({
  path: z.string(),
  title: z.string(),
  customer: z.string(),
  openedAt: z.string(),
});

export const SettingsSchema = z.object({
  /** Unset until the user picks one: then the OS locale decides (German for de-*). */
  language: LanguageSchema.optional(),
  recent: z.array(RecentProjectSchema).default([]),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const appMethods = {
  'app.info': method(
    z.object({}).strict(),
    z.object({
      version: z.string(),
      osLocale: z.string(),
      defaultLanguage: LanguageSchema,
      transport: z.enum(['electron', 'bridge']),
      platform: z.string(),
    }),
  ),
  'settings.get': method(z.object({}).strict(), SettingsSchema),
  'settings.setLanguage': method(z.object({ language: LanguageSchema }).strict(), SettingsSchema),
};
