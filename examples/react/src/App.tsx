import type { DemoEnvironment } from '@teams-endpoint/demo-kit';
import { createTryAction, DEMO_VIEWS, viewHref } from '@teams-endpoint/demo-kit';
import { useTeamsEndpoint } from '@teams-endpoint/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CallDock } from './Calls';
import { DeviceSettingsPanel } from './DeviceSettingsPanel';
import { IncomingCalls } from './IncomingCalls';
import { SessionBar } from './SessionBar';
import { SimulatorPanel } from './SimulatorPanel';
import { useCurrentView } from './useCurrentView';
import { ViewContent } from './views/ViewContent';

/**
 * The page: navigation and session bar, device settings, the current view, the simulator; and, in view
 * whatever the scroll, the incoming calls' toasts and the call dock.
 */
export function App({ environment }: { environment: DemoEnvironment }) {
  const endpoint = useTeamsEndpoint();
  const view = useCurrentView();
  const [error, setError] = useState('');
  const [settingsOpen, setSettingsOpen] = useState(false);
  // The panel mounts on first open, then stays: the app keeps one device settings unit.
  const [settingsMounted, setSettingsMounted] = useState(false);
  const toggleSettings = () => {
    setSettingsMounted(true);
    setSettingsOpen((open) => !open);
  };
  const tryAction = useMemo(() => createTryAction(endpoint, setError), [endpoint]);
  const heading = useRef<HTMLHeadingElement>(null);
  const shownView = useRef(view);

  useEffect(() => {
    document.title = `${view.title} · teams-endpoint demo (React)`;
    if (shownView.current === view) return;
    // A new view: its heading takes the focus, as a new page's would, and the last view's error goes.
    shownView.current = view;
    setError('');
    heading.current?.focus();
  }, [view]);

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header>
        <p className="brand">Contoso for Fabrikam · teams-endpoint demo (React)</p>
        <nav aria-label="Use cases">
          <ul>
            {DEMO_VIEWS.map((item) => (
              <li key={item.id}>
                <a href={viewHref(item)} aria-current={item.id === view.id ? 'page' : undefined}>
                  {item.navLabel}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <SessionBar mode={environment.mode} settingsOpen={settingsOpen} onToggleSettings={toggleSettings} />
      </header>
      {settingsMounted && (
        <DeviceSettingsPanel devices={environment.devices} open={settingsOpen} showError={setError} />
      )}
      <div className="layout">
        <main id="main" tabIndex={-1}>
          <h1 ref={heading} tabIndex={-1}>
            {view.title}
          </h1>
          <p className="error" role="alert" data-testid="page-error">
            {error}
          </p>
          <div className="content">
            <ViewContent view={view} mode={environment.mode} tryAction={tryAction} />
          </div>
        </main>
        {environment.simulator && <SimulatorPanel simulator={environment.simulator} />}
      </div>
      <IncomingCalls />
      <CallDock />
    </>
  );
}
