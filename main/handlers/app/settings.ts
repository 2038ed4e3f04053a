import type { Handler } from '../types';

export const settingsGet: Handler<'settings.get'> = async (_input, { services }) => services.settings.get();

export const settingsSetLanguage: Handler<'settings.setLanguage'> = async ({ language }, { services }) =>
  services.settings.update((s) => ({ ...s, language }));
