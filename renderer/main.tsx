import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/connect';
import { App } from './app/App';
import { initI18n } from './i18n';
import { useStore } from './store';
import './styles.css';

async function boot() {
  const api = await connectApi();
  const [info, settings] = await Promise.all([api.call('app.info', {}), api.call('settings.get', {})]);
  // The app follows the OS language; in a browser (npm start without Electron) the browser's language is the user's.
  const browserLng = navigator.languages?.[0] ?? navigator.language;
  const fallback = info.ok && info.value.transport === 'bridge' && browserLng ? (browserLng.toLowerCase().startsWith('de') ? 'de' : 'en') : info.ok ? info.value.defaultLanguage : 'en';
  const lng = (settings.ok && settings.value.language) || fallback;
  await initI18n(lng);
  useStore.setState({ api, language: lng });
  api.on('project.saved', () => void useStore.getState().refreshLists());
  // The lists (recent files, recovery copies) arrive after the first paint; the welcome screen is usable at once.
  void useStore.getState().refreshLists();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  document.body.dataset.ready = 'true';
}

boot().catch((e: unknown) => {
  const pre = document.createElement('pre');
  pre.className = 'boot-error';
  pre.textContent = `Mail HA Studio could not start / konnte nicht starten:\n${e instanceof Error ? e.message : String(e)}`;
  document.body.replaceChildren(pre);
});
