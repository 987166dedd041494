import { Tab, Tabs, TabTitleText, Title } from '@patternfly/react-core';
import { useSearchParams } from 'react-router';
import { hasRole, useMe } from '../lib/me';
import { Tokens } from './settings/Tokens';
import { Channels } from './settings/Channels';
import { Deliveries } from './settings/Deliveries';
import { PreferencesForm } from './settings/PreferencesForm';

const TABS = ['tokens', 'notifications', 'preferences'] as const;

/** API tokens, notification channels with their delivery log, and the caller's preferences. */
export default function Settings() {
  const me = useMe();
  const admin = hasRole(me.data?.roles, 'admin');
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'tokens';

  return (
    <>
      <Title headingLevel="h1">Settings</Title>
      <Tabs
        activeKey={tab}
        onSelect={(_e, k) => setParams(k === 'tokens' ? {} : { tab: String(k) })}
        aria-label="Settings sections"
        style={{ marginTop: '1rem' }}
      >
        <Tab eventKey="tokens" title={<TabTitleText>API tokens</TabTitleText>}>
          {tab === 'tokens' && <Tokens />}
        </Tab>
        <Tab eventKey="notifications" title={<TabTitleText>Notifications</TabTitleText>}>
          {tab === 'notifications' && (
            <>
              <Channels canEdit={admin} />
              <Deliveries canEdit={admin} />
            </>
          )}
        </Tab>
        <Tab eventKey="preferences" title={<TabTitleText>Preferences</TabTitleText>}>
          {tab === 'preferences' && <PreferencesForm />}
        </Tab>
      </Tabs>
    </>
  );
}
