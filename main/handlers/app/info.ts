import type { Handler } from '../types';
import { defaultLanguageFor } from '../../services';

export const appInfo: Handler<'app.info'> = async (_input, { services }) => ({
  ...services.info,
  defaultLanguage: defaultLanguageFor(services.info.osLocale),
});
