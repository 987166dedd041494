import {
  Button,
  EmptyState,
  NotificationBadge,
  NotificationDrawer,
  NotificationDrawerBody,
  NotificationDrawerHeader,
  NotificationDrawerList,
  NotificationDrawerListItem,
  NotificationDrawerListItemBody,
  NotificationDrawerListItemHeader,
} from '@patternfly/react-core';
import { Link } from 'react-router';
import type { LiveEvent } from '../lib/events';
import { formatTime } from './States';

/** How an event reads in the drawer: a failure is danger, a success or READY is success. */
export function eventVariant(type: string): 'danger' | 'success' | 'warning' | 'info' {
  if (/\.(failed|rejected|error|critical|dead_letter|broken)$/.test(type)) return 'danger';
  if (/\.(succeeded|ready|merged|added|activated|installed)$/.test(type)) return 'success';
  if (/\.(cancelled|warning|rolled_back|rollback)$/.test(type)) return 'warning';
  return 'info';
}

export function eventTitle(e: LiveEvent): string {
  return e.type.replace(/^dev\.modelmanager\./, '').replaceAll('.', ' ');
}

/** The bell in the masthead: the count of events not yet seen. */
export function NotificationBell({ unread, expanded, onToggle }: { unread: number; expanded: boolean; onToggle: () => void }) {
  return (
    <NotificationBadge
      variant={unread > 0 ? 'unread' : 'read'}
      count={unread}
      onClick={onToggle}
      aria-expanded={expanded}
      aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
    />
  );
}

/**
 * The newest events (the log's, then the live stream's), newest first; the ones after the person's
 * read mark are marked unread.
 */
export function NotificationsPanel({
  events,
  unread,
  isUnread,
  onClose,
  onMarkRead,
}: {
  events: LiveEvent[];
  unread: number;
  isUnread: (e: LiveEvent) => boolean;
  onClose: () => void;
  onMarkRead: () => void;
}) {
  return (
    <NotificationDrawer>
      <NotificationDrawerHeader count={unread} onClose={onClose} title="Recent events">
        <Button variant="link" isInline onClick={onMarkRead} isDisabled={unread === 0}>
          Mark all read
        </Button>
      </NotificationDrawerHeader>
      <NotificationDrawerBody>
        {events.length === 0 ? (
          <EmptyState titleText="Nothing yet" headingLevel="h2" variant="xs">
            Events appear here live as installs, catalog changes and deployments happen.
          </EmptyState>
        ) : (
          <NotificationDrawerList aria-label="Recent events">
            {events.map((e) => (
              <NotificationDrawerListItem key={e.id} variant={eventVariant(e.type)} isRead={!isUnread(e)}>
                <NotificationDrawerListItemHeader variant={eventVariant(e.type)} title={eventTitle(e)} headingLevel="h3" />
                <NotificationDrawerListItemBody timestamp={formatTime(e.time)}>
                  {e.subject ?? ''}
                </NotificationDrawerListItemBody>
              </NotificationDrawerListItem>
            ))}
          </NotificationDrawerList>
        )}
        <div style={{ padding: '1rem' }}>
          <Link to="/activity" onClick={onClose}>
            All activity
          </Link>
        </div>
      </NotificationDrawerBody>
    </NotificationDrawer>
  );
}
