import { useEffect, useState, type ReactNode } from 'react';
import {

  Button,
  Label,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadMain,
  MastheadToggle,
  Nav,
  NavItem,
  NavList,
  Page,
  PageSection,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
  SkipToContent,
  ToggleGroup,
  ToggleGroupItem,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { NavLink, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { LiveEvents, mergeEvents, useLive, type LiveEvent } from '../lib/events';
import { GlobalSearch } from './GlobalSearch';
import { NotificationBell, NotificationsPanel } from './NotificationsDrawer';
import { hasRole, useMe } from '../lib/me';
import { usePreferences, useSavePreferences } from '../lib/preferences';
import { applyTheme, resolveTheme, storedTheme, type Theme } from '../lib/theme';
import { clearToken } from '../lib/token';

const NAV = [
  { to: '/discover', label: 'Discover' },
  { to: '/jobs', label: 'Jobs' },
  { to: '/weights', label: 'Weights' },
  { to: '/catalog', label: 'Catalog' },
  { to: '/deployments', label: 'Deployments' },
  { to: '/activity', label: 'Activity' },
  { to: '/settings', label: 'Settings' },
];

function LiveBadge() {
  const { connected } = useLive();
  return (
    <Label color={connected ? 'green' : 'grey'} isCompact data-testid="live-status">
      {connected ? 'Live' : 'Offline'}
    </Label>
  );
}

function Who() {
  const me = useMe();
  if (!me.data) return null;
  const role = me.data.roles?.[0] ?? 'none';
  return (
    <span data-testid="who-am-i">
      {me.data.name || me.data.subject}{' '}
      <Label isCompact color={hasRole(me.data.roles, 'admin') ? 'purple' : 'blue'}>
        {role}
      </Label>
    </span>
  );
}

/** The console's frame: masthead (search, live state, notifications, who, theme), sidebar, page. */
export function Shell({ children }: { children: ReactNode }) {
  return (
    <LiveEvents>
      <Frame>{children}</Frame>
    </LiveEvents>
  );
}

function Frame({ children }: { children: ReactNode }) {
  const live = useLive();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [readUpTo, setReadUpTo] = useState(0);
  const unread = Math.min(live.received - readUpTo, live.recent.length);
  // What happened before this page loaded: the newest events of the log, once the drawer opens.
  const history = useQuery({
    queryKey: ['events', 'drawer'],
    queryFn: () => call(api.GET('/api/v1/events', { params: { query: { limit: 20 } } })),
    enabled: drawerOpen,
    staleTime: 30_000,
  });
  const shown = mergeEvents(live.recent, (history.data?.items ?? []) as LiveEvent[]);
  const [sidebarOpen, setSidebarOpen] = useState(window.innerWidth >= 1200);
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const location = useLocation();
  const prefs = usePreferences();
  const savePrefs = useSavePreferences();
  const preferredTheme = prefs.data?.theme;

  // The theme saved on the server wins over this browser's last choice once it is known.
  useEffect(() => {
    if (preferredTheme) {
      const t = resolveTheme(preferredTheme);
      setTheme(t);
      applyTheme(t);
    }
  }, [preferredTheme]);

  function choose(t: Theme) {
    setTheme(t);
    applyTheme(t);
    if (prefs.data) savePrefs.mutate({ theme: t });
  }

  function signOut() {
    clearToken();
    window.dispatchEvent(new Event('mm:signed-out'));
  }

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton
            isHamburgerButton
            aria-label="Main navigation"
            isSidebarOpen={sidebarOpen}
            onSidebarToggle={() => setSidebarOpen((o) => !o)}
          />
        </MastheadToggle>
        <MastheadBrand>
          <strong>Model Manager</strong>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight>
          <ToolbarContent>
            <ToolbarItem visibility={{ default: 'hidden', md: 'visible' }}>
              <GlobalSearch />
            </ToolbarItem>
            <ToolbarGroup align={{ default: 'alignEnd' }} gap={{ default: 'gapMd' }}>
              <ToolbarItem>
                <LiveBadge />
              </ToolbarItem>
              <ToolbarItem>
                <NotificationBell unread={unread} expanded={drawerOpen} onToggle={() => setDrawerOpen((o) => !o)} />
              </ToolbarItem>
              <ToolbarItem visibility={{ default: 'hidden', md: 'visible' }}>
                <Who />
              </ToolbarItem>
              <ToolbarItem>
                <ToggleGroup aria-label="Theme" isCompact>
                  <ToggleGroupItem
                    text="Light"
                    buttonId="theme-light"
                    isSelected={theme === 'light'}
                    onChange={() => choose('light')}
                  />
                  <ToggleGroupItem
                    text="Dark"
                    buttonId="theme-dark"
                    isSelected={theme === 'dark'}
                    onChange={() => choose('dark')}
                  />
                </ToggleGroup>
              </ToolbarItem>
              <ToolbarItem>
                <Button variant="secondary" size="sm" onClick={signOut}>
                  Sign out
                </Button>
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );

  const sidebar = (
    <PageSidebar isSidebarOpen={sidebarOpen}>
      <PageSidebarBody>
        <Nav aria-label="Sections">
          <NavList>
            {NAV.map((n) => (
              <NavItem key={n.to} isActive={location.pathname.startsWith(n.to)}>
                <NavLink to={n.to}>{n.label}</NavLink>
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );

  const drawer = (
    <NotificationsPanel
      events={shown}
      unread={unread}
      onClose={() => setDrawerOpen(false)}
      onMarkRead={() => setReadUpTo(live.received)}
    />
  );

  return (
    <Page
      masthead={masthead}
      sidebar={sidebar}
      notificationDrawer={drawer}
      isNotificationDrawerExpanded={drawerOpen}
      isManagedSidebar={false}
      skipToContent={<SkipToContent href="#main">Skip to content</SkipToContent>}
      mainContainerId="main"
      mainTabIndex={0}
      onPageResize={(_e, { mobileView }) => setSidebarOpen(!mobileView)}
    >
      <PageSection>{children}</PageSection>
    </Page>
  );
}
