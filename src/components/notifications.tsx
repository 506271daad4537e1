import type { FlashbarProps } from '@cloudscape-design/components/flashbar';
import { createContext, use, useSyncExternalStore, type ReactNode } from 'react';

export type Notification = Omit<FlashbarProps.MessageDefinition, 'id' | 'onDismiss' | 'dismissible' | 'dismissLabel'>;

/** Flash messages of one app instance; plain code (the query cache) and components both post to it. */
export interface NotificationCenter {
  subscribe: (listener: () => void) => () => void;
  snapshot: () => readonly FlashbarProps.MessageDefinition[];
  notify: (notification: Notification) => void;
}

export function createNotificationCenter(): NotificationCenter {
  let items: readonly FlashbarProps.MessageDefinition[] = [];
  let nextId = 0;
  const listeners = new Set<() => void>();
  const set = (next: readonly FlashbarProps.MessageDefinition[]) => {
    items = next;
    for (const listener of listeners) listener();
  };
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => items,
    notify: (notification) => {
      const id = `notification-${String(++nextId)}`;
      set([
        ...items,
        {
          ...notification,
          id,
          dismissible: true,
          dismissLabel: 'Dismiss message',
          onDismiss: () => {
            set(items.filter((item) => item.id !== id));
          },
        },
      ]);
    },
  };
}

const NotificationsContext = createContext<NotificationCenter | null>(null);

export function NotificationsProvider({ center, children }: { center: NotificationCenter; children: ReactNode }) {
  return <NotificationsContext value={center}>{children}</NotificationsContext>;
}

/** The current flash messages and a way to add one. */
export function useNotifications() {
  const center = use(NotificationsContext);
  if (!center) throw new Error('useNotifications must be used inside NotificationsProvider');
  const items = useSyncExternalStore(center.subscribe, center.snapshot);
  return { items, notify: center.notify } as const;
}
