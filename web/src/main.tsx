/**
 * Entry point: the deploy-time settings (/config.json) and a stored session
 * first, then language (the session's API client sends it), the session, and
 * the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ConfigProvider, loadConfig } from './config';
import { I18nProvider } from './i18n';
import { restoreSession, SessionProvider } from './session';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

try {
  const config = await loadConfig();
  await restoreSession(config);
  createRoot(root).render(
    <StrictMode>
      <ConfigProvider value={config}>
        <I18nProvider>
          <SessionProvider>
            <App />
          </SessionProvider>
        </I18nProvider>
      </ConfigProvider>
    </StrictMode>,
  );
} catch (error) {
  // Without its settings the app cannot reach anything: say so plainly instead of a blank page.
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.className = 'notice error';
  message.textContent = `Shifa could not start / Shifa не запускается: ${error instanceof Error ? error.message : String(error)}`;
  root.replaceChildren(message);
}
