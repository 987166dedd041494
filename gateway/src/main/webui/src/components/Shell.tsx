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
import { LiveEvents, isUnread, mergeEvents, newestReceivedAt, useLive, type LiveEvent } from '../lib/events';
import { GlobalSearch } from './GlobalSearch';
import { NotificationBell, NotificationsPanel } from './NotificationsDrawer';
import { hasRole, useMe } from '../lib/me';
import { usePreferences, useSavePreferences } from '../lib/preferences';
import { applyTheme, resolveTheme, storedTheme, type Theme } from '../lib/theme';
import { clearToken } from '../lib/token';
import { endSession } from '../lib/session';

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

/** The later of two instants (either may be missing). */
function latest(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
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
  const me = useMe();
  // What happened before this page loaded: the newest events of the log (fetched again whenever
  // the drawer opens), merged with the live ones.
  const history = useQuery({
    queryKey: ['events', 'drawer'],
    queryFn: () => call(api.GET('/api/v1/events', { params: { query: { limit: 50 } } })),
    staleTime: 30_000,
  });
  const shown = mergeEvents(live.recent, (history.data?.items ?? []) as LiveEvent[]);
  const [sidebarOpen, setSidebarOpen] = useState(window.innerWidth >= 1200);
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const location = useLocation();
  const prefs = usePreferences();
  const savePrefs = useSavePreferences();
  const preferredTheme = prefs.data?.theme;
  // The read mark is kept on the server per person: the same unread count in every tab and after
  // a reload. Until a save answers, the mark just set counts.
  const [markedAt, setMarkedAt] = useState<string | null>(null);
  const seenAt = latest(prefs.data?.lastSeenEventAt, markedAt);
  const unread = shown.filter((e) => isUnread(e, seenAt)).length;
  const { refetch: refetchHistory } = history;
  const { refetch: refetchPrefs } = prefs;

  useEffect(() => {
    if (drawerOpen) {
      void refetchHistory();
      void refetchPrefs();
    }
  }, [drawerOpen, refetchHistory, refetchPrefs]);

  // Another tab may have marked events read meanwhile.
  useEffect(() => {
    const visible = () => {
      if (document.visibilityState === 'visible') void refetchPrefs();
    };
    document.addEventListener('visibilitychange', visible);
    return () => document.removeEventListener('visibilitychange', visible);
  }, [refetchPrefs]);

  function markAllRead() {
    const newest = newestReceivedAt(shown) ?? new Date().toISOString();
    setMarkedAt(newest);
    if (prefs.data) savePrefs.mutate({ lastSeenEventAt: newest });
  }

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
    if (me.data?.authMethod === 'session') {
      // The gateway ends the session and logs out at the provider (RP-initiated), back to /.
      endSession();
      return;
    }
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
      isUnread={(e) => isUnread(e, seenAt)}
      onClose={() => setDrawerOpen(false)}
      onMarkRead={markAllRead}
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
